import { defineView } from '../view-def.js';

export const dealsByStatus = defineView({
  id: 'deals-by-status',
  db: 'crm',
  name: { zh: '业务\\按状态', en: 'Deals\\By Status' },
  forms: ['Deal'],
  columns: [
    { title: { zh: '状态', en: 'Status' }, field: 'status', categorized: true },
    { title: { zh: '立项日期', en: 'Opened' }, field: 'opened', sort: 'desc' },
    { title: { zh: '业务名称', en: 'Deal' }, field: 'name', sort: 'asc' },
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName' },
    { title: { zh: '概率', en: 'Probability' }, field: 'stage' },
    { title: { zh: '金额', en: 'Amount' }, field: 'amount', total: true },
  ],
});

export const dealsByMonth = defineView({
  id: 'deals-by-month',
  db: 'crm',
  name: { zh: '业务\\按月份', en: 'Deals\\By Month' },
  forms: ['Deal'],
  columns: [
    { title: { zh: '月份', en: 'Month' }, field: 'opened', part: 'month', categorized: true, sort: 'desc' },
    { title: { zh: '业务名称', en: 'Deal' }, field: 'name', sort: 'asc' },
    { title: { zh: '金额', en: 'Amount' }, field: 'amount', total: true },
  ],
});

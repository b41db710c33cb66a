import { defineView } from '../view-def.js';

/** Quotations and proforma invoices under their deal, newest first, with their status, approval and total. */
export const quotationsByDeal = defineView({
  id: 'quotations-by-deal',
  db: 'crm',
  name: { zh: '业务\\报价单和形式发票', en: 'Deals\\Quotations and Proforma Invoices' },
  forms: ['Quotation'],
  columns: [
    { title: { zh: '业务', en: 'Deal' }, field: 'dealName', categorized: true },
    { title: { zh: '日期', en: 'Date' }, field: 'date', sort: 'desc' },
    { title: { zh: '编号', en: 'Number' }, field: 'number' },
    { title: { zh: '类型', en: 'Kind' }, field: 'kind' },
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName' },
    { title: { zh: '状态', en: 'Status' }, field: 'status' },
    { title: { zh: '审批', en: 'Approval' }, field: 'approvalStatus' },
    { title: { zh: '币种', en: 'Currency' }, field: 'currency' },
    { title: { zh: '总计', en: 'Total' }, field: 'total' },
  ],
});

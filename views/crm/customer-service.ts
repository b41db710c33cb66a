import { defineView } from '../view-def.js';

const customer = { title: { zh: '客户', en: 'Customer' }, field: 'customerName' } as const;

export const supportByStatus = defineView({
  id: 'support-by-status',
  db: 'crm',
  name: { zh: '客户服务\\客户支持', en: 'Customer Service\\Support' },
  forms: ['Support'],
  columns: [
    { title: { zh: '状态', en: 'Status' }, field: 'status', categorized: true },
    { title: { zh: '提问时间', en: 'Asked' }, field: 'asked', sort: 'desc' },
    { title: { zh: '问题', en: 'Question' }, field: 'question' },
    customer,
    { title: { zh: '技术支持', en: 'Technical support' }, field: 'escalatedTo' },
  ],
});

export const serviceByMonth = defineView({
  id: 'service-by-month',
  db: 'crm',
  name: { zh: '客户服务\\售后服务', en: 'Customer Service\\After-sales' },
  forms: ['Service'],
  columns: [
    { title: { zh: '月份', en: 'Month' }, field: 'time', part: 'month', categorized: true, sort: 'desc' },
    { title: { zh: '服务时间', en: 'Time' }, field: 'time', sort: 'desc' },
    { title: { zh: '服务方式', en: 'Kind' }, field: 'kind' },
    { title: { zh: '服务主题', en: 'Subject' }, field: 'subject' },
    customer,
    { title: { zh: '服务人员', en: 'Served by' }, field: 'servedBy' },
  ],
});

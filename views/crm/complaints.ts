import { defineView } from '../view-def.js';

const received = { title: { zh: '受理时间', en: 'Received' }, field: 'received', sort: 'desc' } as const;
const subject = { title: { zh: '投诉主题', en: 'Subject' }, field: 'subject' } as const;
const customer = { title: { zh: '客户', en: 'Customer' }, field: 'customerName' } as const;
const status = { title: { zh: '状态', en: 'Status' }, field: 'status' } as const;
const department = { title: { zh: '处理部门', en: 'Department' }, field: 'department' } as const;
const category = { title: { zh: '投诉类别', en: 'Category' }, field: 'category' } as const;
const overdue = { title: { zh: '超时', en: 'Overdue' }, field: 'overdueNotifiedAt' } as const;

export const complaintsByStatus = defineView({
  id: 'complaints-by-status',
  db: 'crm',
  name: { zh: '客户投诉\\按状态', en: 'Complaints\\By Status' },
  forms: ['Complaint'],
  columns: [{ ...status, categorized: true }, received, subject, customer, department, overdue],
});

export const complaintsByDepartment = defineView({
  id: 'complaints-by-department',
  db: 'crm',
  name: { zh: '客户投诉\\按部门', en: 'Complaints\\By Department' },
  forms: ['Complaint'],
  columns: [{ ...department, categorized: true }, received, subject, customer, status, overdue],
});

export const complaintsByCategory = defineView({
  id: 'complaints-by-category',
  db: 'crm',
  name: { zh: '客户投诉\\按类别', en: 'Complaints\\By Category' },
  forms: ['Complaint'],
  columns: [{ ...category, categorized: true }, received, subject, customer, status, overdue],
});

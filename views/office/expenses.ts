import { defineView } from '../view-def.js';

const submitted = { title: { zh: '提交时间', en: 'Submitted' }, field: 'submittedAt', sort: 'desc' } as const;
const subject = { title: { zh: '事由', en: 'Purpose' }, field: 'subject' } as const;
const claimant = { title: { zh: '申请人', en: 'Claimant' }, field: 'createdBy' } as const;
const totals = { title: { zh: '合计', en: 'Total' }, field: 'totals' } as const;
const amount = { title: { zh: '本位币', en: 'In base currency' }, field: 'amountBase', total: true } as const;
const status = { title: { zh: '审批状态', en: 'Approval' }, field: 'approvalStatus' } as const;

export const expensesByPerson = defineView({
  id: 'expenses-by-person',
  db: 'office',
  name: { zh: '费用\\按人员', en: 'Expenses\\By Person' },
  forms: ['ExpenseClaim'],
  columns: [{ ...claimant, categorized: true }, submitted, subject, totals, amount, status],
});

export const expensesByDepartment = defineView({
  id: 'expenses-by-department',
  db: 'office',
  name: { zh: '费用\\按部门', en: 'Expenses\\By Department' },
  forms: ['ExpenseClaim'],
  columns: [{ title: { zh: '部门', en: 'Department' }, field: 'filerDepartment', categorized: true }, submitted, claimant, subject, totals, amount, status],
});

export const expensesByMonth = defineView({
  id: 'expenses-by-month',
  db: 'office',
  name: { zh: '费用\\按月份', en: 'Expenses\\By Month' },
  forms: ['ExpenseClaim'],
  columns: [{ ...submitted, part: 'month', categorized: true }, { ...submitted, title: { zh: '时间', en: 'Time' } }, claimant, subject, totals, amount, status],
});

export const expensesByCategory = defineView({
  id: 'expenses-by-category',
  db: 'office',
  name: { zh: '费用\\按类别', en: 'Expenses\\By Category' },
  forms: ['ExpenseClaim'],
  columns: [{ title: { zh: '类别', en: 'Category' }, field: 'categories', categorized: true }, submitted, claimant, subject, totals, status],
});

export const expensesByDeal = defineView({
  id: 'expenses-by-deal',
  db: 'office',
  name: { zh: '费用\\按客户和业务', en: 'Expenses\\By Customer and Deal' },
  forms: ['ExpenseClaim'],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'lineCustomers', categorized: true },
    { title: { zh: '业务', en: 'Deal' }, field: 'lineDeals', categorized: true },
    submitted, claimant, subject, totals, amount, status,
  ],
});

export const expensesByStatus = defineView({
  id: 'expenses-by-status',
  db: 'office',
  name: { zh: '费用\\按状态', en: 'Expenses\\By Status' },
  forms: ['ExpenseClaim'],
  columns: [{ ...status, categorized: true }, submitted, claimant, subject, totals, amount],
});

/** Expense requests approved and not yet followed by a claim: money allowed, not yet accounted for. */
export const requestsNotClaimed = defineView({
  id: 'expense-requests-not-claimed',
  db: 'office',
  name: { zh: '费用\\已批准未报销的申请', en: 'Expenses\\Approved Requests Not Yet Claimed' },
  forms: ['ExpenseClaim'],
  where: [{ field: 'kind', eq: 'request' }, { field: 'approvalStatus', eq: 'approved' }, { field: 'claimIds', exists: false }],
  columns: [{ ...claimant, categorized: true }, submitted, subject, totals, amount],
});

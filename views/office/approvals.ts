import { defineView } from '../view-def.js';

/** Every form of the office database that goes through an approval route. */
const APPROVAL_FORMS = ['ExpenseClaim', 'Request'] as const;

const submitted = { title: { zh: '提交时间', en: 'Submitted' }, field: 'submittedAt', sort: 'desc' } as const;
const subject = { title: { zh: '标题', en: 'Subject' }, field: 'subject' } as const;
const form = { title: { zh: '类型', en: 'Form' }, field: 'form' } as const;
const filer = { title: { zh: '申请人', en: 'Filed by' }, field: 'createdBy' } as const;
const status = { title: { zh: '审批状态', en: 'Approval' }, field: 'approvalStatus' } as const;
const waiting = { title: { zh: '待审批人', en: 'Waiting for' }, field: 'waitingFor' } as const;
const amount = { title: { zh: '金额（本位币）', en: 'Amount (base)' }, field: 'amountBase', total: true } as const;

/** What waits for the viewer's decision: each person sees only the category of their own name. */
export const awaitingMyApproval = defineView({
  id: 'awaiting-my-approval',
  db: 'office',
  name: { zh: '审批\\待我审批', en: 'Approvals\\Waiting for Me' },
  forms: APPROVAL_FORMS,
  where: [{ field: 'approvalStatus', eq: 'pending' }],
  columns: [{ ...waiting, categorized: true }, submitted, form, subject, filer, amount],
  viewersCategoryOnly: true,
});

/** What the viewer filed, whatever its state. */
export const myRequests = defineView({
  id: 'my-requests',
  db: 'office',
  name: { zh: '审批\\我的申请', en: 'Approvals\\My Requests' },
  forms: APPROVAL_FORMS,
  columns: [{ ...filer, categorized: true }, { ...submitted, title: { zh: '提交时间', en: 'Submitted' } }, form, subject, status, waiting, amount],
  viewersCategoryOnly: true,
});

export const approvalsByStatus = defineView({
  id: 'approvals-by-status',
  db: 'office',
  name: { zh: '审批\\按状态', en: 'Approvals\\By Status' },
  forms: APPROVAL_FORMS,
  columns: [{ ...status, categorized: true }, submitted, form, subject, filer, waiting, amount],
});

/** Requests by their category (subject class), expense claims by their kind. */
export const approvalsBySubject = defineView({
  id: 'approvals-by-subject',
  db: 'office',
  name: { zh: '审批\\按主题分类', en: 'Approvals\\By Subject' },
  forms: ['Request'],
  columns: [{ title: { zh: '类别', en: 'Category' }, field: 'category', categorized: true }, submitted, subject, filer, status, waiting],
});

export const delegations = defineView({
  id: 'delegations',
  db: 'office',
  name: { zh: '审批\\委托代理', en: 'Approvals\\Delegations' },
  forms: ['Delegation'],
  columns: [
    { title: { zh: '结束日期', en: 'Until' }, field: 'until', sort: 'desc' },
    { title: { zh: '委托人', en: 'Away' }, field: 'absent' },
    { title: { zh: '代理审批人', en: 'Approves instead' }, field: 'delegate' },
    { title: { zh: '开始日期', en: 'From' }, field: 'from' },
  ],
});

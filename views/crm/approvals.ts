import { defineView } from '../view-def.js';

/** The CRM's forms that go through an approval route (quotations above the discount, credit terms). */
const CRM_APPROVAL_FORMS = ['Quotation', 'CreditTerms'] as const;

const waiting = { title: { zh: '待审批人', en: 'Waiting for' }, field: 'waitingFor' } as const;
const submitted = { title: { zh: '提交时间', en: 'Submitted' }, field: 'submittedAt' } as const;
const form = { title: { zh: '类型', en: 'Form' }, field: 'form' } as const;
const deal = { title: { zh: '业务', en: 'Deal' }, field: 'dealName' } as const;
const filer = { title: { zh: '申请人', en: 'Filed by' }, field: 'createdBy' } as const;

/**
 * What in `crm` waits for the viewer's decision: each person sees only the category of their own
 * name. The workstation's page of everything waiting (client/office/gx-waiting-approvals-pane.ts)
 * reads it together with the office's.
 */
export const crmAwaitingMyApproval = defineView({
  id: 'crm-awaiting-my-approval',
  db: 'crm',
  name: { zh: '审批\\待我审批', en: 'Approvals\\Waiting for Me' },
  forms: CRM_APPROVAL_FORMS,
  where: [{ field: 'approvalStatus', eq: 'pending' }],
  columns: [{ ...waiting, categorized: true }, { ...submitted, sort: 'desc' }, form, deal, { title: { zh: '客户', en: 'Customer' }, field: 'customerName' }, filer],
  viewersCategoryOnly: true,
});

/** Credit terms asked for each deal, newest first, with their approval and whether they apply. */
export const creditTermsByDeal = defineView({
  id: 'credit-terms-by-deal',
  db: 'crm',
  name: { zh: '业务\\信用条件', en: 'Deals\\Credit Terms' },
  forms: ['CreditTerms'],
  columns: [
    { ...deal, categorized: true },
    { ...submitted, sort: 'desc' },
    { title: { zh: '付款方式', en: 'Payment terms' }, field: 'paymentTerms' },
    { title: { zh: '账期（天）', en: 'Credit days' }, field: 'creditDays' },
    { title: { zh: '信用额度', en: 'Credit limit' }, field: 'creditLimit' },
    { title: { zh: '币种', en: 'Currency' }, field: 'currency' },
    { title: { zh: '审批', en: 'Approval' }, field: 'approvalStatus' },
    { title: { zh: '生效时间', en: 'Applied' }, field: 'appliedAt' },
  ],
});

/** Quotations and credit terms awaiting approval, longest waiting first: a manager's overview, and what the server reminds approvers of. */
export const crmApprovalsPending = defineView({
  id: 'crm-approvals-pending',
  db: 'crm',
  name: { zh: '审批\\审批中', en: 'Approvals\\Awaiting Approval' },
  forms: CRM_APPROVAL_FORMS,
  where: [{ field: 'approvalStatus', eq: 'pending' }],
  columns: [{ ...submitted, sort: 'asc' }, form, deal, filer, waiting],
});

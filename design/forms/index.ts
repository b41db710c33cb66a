import type { DbName } from '../databases.js';
import type { FormDef } from '../form.js';
import { aclForm } from './acl.js';
import { actionForm, actionProjectForm } from './action.js';
import { activityForm } from './activity.js';
import { appointmentForm } from './appointment.js';
import { bulletinForm } from './bulletin.js';
import { busyTimeForm } from './busy-time.js';
import { complaintForm } from './complaint.js';
import { contactForm } from './contact.js';
import { crmSettingsForm } from './crm-settings.js';
import { customerForm } from './customer.js';
import { serviceForm, supportForm } from './customer-service.js';
import { dealForm } from './deal.js';
import { dueWorkForm } from './due-work.js';
import { faxBatchForm, faxForm } from './fax.js';
import { groupForm } from './group.js';
import { mailAccountForm } from './mail-account.js';
import { mailMessageForm } from './mail-message.js';
import { mailRuleForm } from './mail-rule.js';
import { mailTemplateForm } from './mail-template.js';
import { massMailingForm, subscriptionForm, unsubscribeForm } from './mass-mailing.js';
import { messageForm, receiptForm } from './message.js';
import { greetingForm } from './greeting.js';
import { interestProfileForm } from './interest-profile.js';
import { articleForm, competitorForm, competitorProductForm, productForm, qaForm, standardDocumentForm } from './library.js';
import { noticeForm } from './notice.js';
import { nurtureForm } from './nurture.js';
import { personForm } from './person.js';
import { responseForm, topicForm } from './topic.js';
import { quotationForm } from './quotation.js';
import { webFormForm } from './web-form.js';
import { delegationForm } from './delegation.js';
import { expenseClaimForm } from './expense-claim.js';
import { officeRequestForm } from './office-request.js';
import { reportTemplateForm, workReportForm } from './work-report.js';
import { salesTargetsForm } from './sales-targets.js';
import { creditTermsForm } from './credit-terms.js';

export const FORMS: readonly FormDef[] = [
  customerForm, contactForm, dealForm, topicForm, responseForm, personForm, groupForm, aclForm, noticeForm,
  activityForm, appointmentForm, crmSettingsForm,
  mailMessageForm, mailAccountForm, mailRuleForm, mailTemplateForm, dueWorkForm, faxForm, faxBatchForm, massMailingForm, unsubscribeForm, greetingForm, nurtureForm,
  interestProfileForm, complaintForm, supportForm, serviceForm,
  productForm, competitorForm, competitorProductForm, standardDocumentForm, articleForm, qaForm,
  quotationForm,
  webFormForm, subscriptionForm,
  actionForm, actionProjectForm, messageForm, receiptForm, bulletinForm,
  expenseClaimForm, officeRequestForm, delegationForm, workReportForm, reportTemplateForm,
  busyTimeForm,
  salesTargetsForm,
  creditTermsForm,
];

const byName = new Map(FORMS.map((form) => [form.name, form]));

export function formByName(name: string): FormDef | undefined {
  return byName.get(name);
}

export function formsOf(db: DbName): FormDef[] {
  return FORMS.filter((form) => form.db === db);
}

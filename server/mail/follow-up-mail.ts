import type { Doc } from '../../design/form.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import type { Database, StoredDoc } from '../store/store.js';
import { templateInLanguage } from './template-in-language.js';

/** The message a follow-up mail is made from, once per follow-up (by its id). */
export function followUpMailId(workId: string): string {
  return `mail-of-${workId}`;
}

/**
 * The queued message a due follow-up mail becomes: to the customer, threaded on the message it
 * follows up, written as the salesperson wrote it then, or from its template in the contact's
 * language; marked `Auto-Submitted: auto-generated`, since no person sends it at that moment.
 */
export async function followUpMail(crm: Database, work: StoredDoc): Promise<Doc> {
  const contact = typeof work.contactId === 'string' ? await crm.find(work.contactId) : null;
  const template = typeof work.templateId === 'string' && work.templateId !== ''
    ? await templateInLanguage(crm, work.templateId, typeof contact?.language === 'string' ? contact.language : undefined)
    : undefined;
  const names = Array.isArray(work.toNames) ? work.toNames.map(String) : [];
  const owner = Array.isArray(work.owner) ? work.owner.map(String) : [];
  const values = { contactName: String(work.contactName ?? contact?.name ?? names[0] ?? ''), customerName: String(work.customerName ?? ''), salesperson: owner.join(', ') };
  const references = Array.isArray(work.references) ? work.references.map(String) : [];
  return {
    _id: followUpMailId(work._id),
    form: 'MailMessage',
    direction: 'out',
    status: 'queued',
    autoSubmitted: 'auto-generated',
    to: Array.isArray(work.to) ? work.to.map(String) : [],
    toNames: names,
    subject: mergeTemplate(String(work.subject ?? ''), values),
    body: mergeTemplate(String(template?.body ?? work.body ?? ''), values),
    ...(typeof work.inReplyTo === 'string' ? { inReplyTo: work.inReplyTo, references } : {}),
    ...(typeof work.threadId === 'string' ? { threadId: work.threadId } : {}),
    ...(typeof work.accountId === 'string' ? { accountId: work.accountId } : {}),
    ...(typeof work.customerId === 'string' ? { customerId: work.customerId, customerName: work.customerName } : {}),
    ...(typeof work.contactId === 'string' ? { contactId: work.contactId, contactName: work.contactName } : {}),
    owner,
    readers: Array.isArray(work.readers) ? work.readers : [],
    authors: owner,
  };
}

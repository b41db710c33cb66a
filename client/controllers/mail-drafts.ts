import { fieldError } from '../../design/field-error.js';
import type { Doc, FieldError } from '../../design/form.js';
import { mergeTemplate, type MergeValues } from '../../design/mail-merge.js';
import { COMPANY_TIME_ZONE } from '../../design/forms/time-zones.js';
import { tomorrowAt } from '../../design/local-time.js';
import { EMAIL } from '../../design/validate.js';

/** Fields a message takes from the document it is written from: where it is filed, and who may read it. */
const FILING = ['customerId', 'customerName', 'contactId', 'contactName', 'readers'] as const;

function texts(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : '';
}

function pick(doc: Doc, fields: readonly string[]): Doc {
  return Object.fromEntries(fields.flatMap((field) => (doc[field] === undefined ? [] : [[field, doc[field]]])));
}

function outgoing(values: Doc): Doc {
  return { direction: 'out', status: 'draft', ...values };
}

/**
 * A new message written from a customer or a contact: filed on it, and addressed to the contact
 * (a customer names no one, so its To stays for the person to fill).
 */
export function composeFrom(doc: Doc): Doc {
  if (doc.form === 'Contact') {
    const [address] = texts(doc.emails);
    return outgoing({
      ...pick(doc, ['customerId', 'customerName', 'readers']),
      contactId: doc._id, contactName: doc.name,
      ...(address ? { to: [address], toNames: [text(doc.name)] } : {}),
    });
  }
  return outgoing({ ...pick(doc, ['readers']), customerId: doc._id, customerName: doc.name });
}

/**
 * A follow-up mail to a contact, scheduled from the contact: to their first address, at 09:00
 * tomorrow where they are (their time zone, else the company's); the person writes its subject and
 * text, and may change the time, until it goes.
 */
export function followUpFrom(contact: Doc, now: Date, owner: string): Doc {
  const [address] = texts(contact.emails);
  const zone = text(contact.timeZone) || COMPANY_TIME_ZONE;
  return {
    kind: 'followUpMail', status: 'pending', due: tomorrowAt(now, 9, zone).toISOString(),
    ...pick(contact, ['customerId', 'customerName', 'readers']),
    contactId: contact._id, contactName: contact.name, owner: [owner],
    ...(address ? { to: [address], toNames: [text(contact.name)] } : {}),
  };
}

/** "Re: " or "Fwd: " once: a subject that already has it (in English or Chinese mail clients' words) keeps its own. */
export function prefixedSubject(prefix: 'Re' | 'Fwd', subject: string): string {
  const already = prefix === 'Re' ? /^\s*(re|回复|答复)\s*[:：]/i : /^\s*(fwd?|转发)\s*[:：]/i;
  return already.test(subject) ? subject : `${prefix}: ${subject}`;
}

/**
 * Whom a reply goes to: the Reply-To of a received message (a B2B platform's buyer), else its
 * sender; the recipients of one sent from here.
 */
function replyAddresses(message: Doc): { to: string[]; toNames: string[] } {
  if (message.direction === 'out') return { to: texts(message.to), toNames: texts(message.toNames) };
  const replyTo = texts(message.replyTo);
  if (replyTo.length > 0) return { to: replyTo, toNames: replyTo.map((address) => (address === text(message.from) ? text(message.fromName) || address : address)) };
  const from = text(message.from);
  return { to: from ? [from] : [], toNames: from ? [text(message.fromName) || from] : [] };
}

/**
 * A reply: to the sender, in the thread (In-Reply-To and References name the original, as mail
 * clients thread by them), filed where the original is, quoting it under `quoteHeader`.
 */
export function replyTo(message: Doc, quoteHeader: string): Doc {
  const messageId = text(message.messageId);
  const quoted = text(message.body).split(/\r?\n/).map((line) => `> ${line}`).join('\n');
  return outgoing({
    ...pick(message, [...FILING, 'threadId', 'threadTitle']),
    ...replyAddresses(message),
    subject: prefixedSubject('Re', text(message.subject)),
    body: `\n\n${quoteHeader}\n${quoted}`,
    ...(messageId ? { inReplyTo: messageId, references: [...texts(message.references), messageId] } : {}),
  });
}

/** A forward: the original's text under a header of its own, addressed to no one yet, filed where the original is. */
export function forwardOf(message: Doc, header: string): Doc {
  return outgoing({
    ...pick(message, FILING),
    subject: prefixedSubject('Fwd', text(message.subject)),
    body: `\n\n${header}\n\n${text(message.body)}`,
  });
}

/** A template's subject and body with the merge fields of this message filled. */
export function fromTemplate(template: Doc, message: Doc, salesperson: string): Doc {
  const values: MergeValues = {
    contactName: text(message.contactName) || texts(message.toNames)[0] || '',
    customerName: text(message.customerName),
    salesperson,
  };
  return { subject: mergeTemplate(text(template.subject), values), body: mergeTemplate(text(template.body), values) };
}

/** What a person writes in a message; the rest (direction, status, ids of the thread, the gateway's fields) is set for them. */
const WRITTEN = new Set(['to', 'toNames', 'cc', 'bcc', 'subject', 'body', 'customerName', 'contactName', 'tags', 'followUpKind', 'followUpAt', 'followUpSubject', 'followUpBody']);

/** Whether a field of a document being edited is shown: all of them, except in a message being written. */
export function isWrittenField(doc: Doc, field: string): boolean {
  return !isUnsentDraft(doc) || WRITTEN.has(field);
}

/** An outgoing message not yet handed to the server: the person may still change it and send it. */
export function isUnsentDraft(doc: Doc): boolean {
  return doc.form === 'MailMessage' && doc.direction === 'out' && (doc.status === 'draft' || doc.status === undefined);
}

/**
 * What stops a message from being queued: the server would only fail it later, when the person may
 * be gone. The draft stays open with the message beside the field.
 */
export function sendErrors(doc: Doc): FieldError[] {
  const addresses = ['to', 'cc', 'bcc'].flatMap((field) => texts(doc[field]).map((address) => ({ field, address: address.trim() })));
  if (!addresses.some((a) => a.field === 'to')) return [fieldError('to', 'required', '请填写收件人的电子邮件地址', 'Enter the recipient’s e-mail address')];
  return addresses.filter((a) => !EMAIL.test(a.address))
    .map((a) => fieldError(a.field, 'format', `不是有效的电子邮件地址：${a.address}`, `Not a valid e-mail address: ${a.address}`));
}

import type { Access } from '../../design/access/acl.js';
import { canEdit, canRead } from '../../design/access/document-access.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { approvalRefusal, QUOTATION_KINDS } from '../../design/forms/quotation.js';
import { quotationTotals } from '../../design/quotation-totals.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { EMAIL } from '../../design/validate.js';
import { NO_SENDING_ACCOUNT } from '../mail/sending-route.js';
import { loadMailSettings } from '../mail/mail-settings.js';
import type { Database, Store, StoredDoc } from '../store/store.js';
import { takeNext } from './counter.js';
import { crmError } from './crm-errors.js';
import { crmSettingsOf, type CrmSettings } from './crm-settings.js';
import { counterId, datePart, formatNumber } from './numbering.js';
import { renderQuotationPdf } from './quotation-pdf.js';
import { recordSent } from './record-sent.js';
import { updateDoc } from './update-doc.js';

export interface SendQuotation {
  readonly store: Store;
  readonly user: UserContext;
  readonly access: Access;
  readonly id: string;
  /** The request's body: `{to?, message?}`. */
  readonly body: unknown;
  readonly now: string;
}

/** The quotation's mail: made once, by its id, however often sending is asked for. */
export function quotationMailId(quotationId: string): string {
  return `quotation-mail-${quotationId}`;
}

/** A quotation the person may read, or the answer about one that does not exist. */
export async function readableQuotation(crm: Database, id: string, access: Access): Promise<StoredDoc> {
  const doc = await crm.find(id);
  if (doc?.form !== 'Quotation' || !canRead(access, doc)) throw crmError('not_found', 'id', '找不到该报价单或形式发票', 'No such quotation or proforma invoice');
  return doc;
}

/**
 * Sends a quotation or proforma invoice: numbered by the settings' series (if it has no number
 * yet), rendered as a PDF in its language, queued as a mail with the PDF attached to the
 * customer's address (the outbox sends it), marked sent and recorded on its deal. Every reason
 * not to send is an error that names the field to correct; nothing is changed then.
 */
export async function sendQuotation({ store, user, access, id, body, now }: SendQuotation): Promise<StoredDoc> {
  const crm = store.database('crm');
  const { to, message } = parseSendBody(body);
  const quotation = await readableQuotation(crm, id, access);
  if (!canEdit(access, quotation)) throw crmError('forbidden', 'id', '只有能编辑这份单据的人可以发送它', 'Only someone who may edit it may send it');
  if (quotation.status === 'sent') {
    throw crmError('conflict', 'status', `已于 ${String(quotation.sentAt ?? '').slice(0, 16).replace('T', ' ')} 发送（${String(quotation.number ?? '')}），不能再发送`, `It was already sent (${String(quotation.number ?? '')}) at ${String(quotation.sentAt ?? '')}`);
  }
  if (quotationTotals(quotation).lines.length === 0) throw crmError('bad_request', 'lines', '没有明细，不能发送', 'It has no lines to send');
  const recipient = to ?? (typeof quotation.to === 'string' && quotation.to.trim() !== '' ? quotation.to.trim() : undefined);
  if (recipient === undefined) throw crmError('bad_request', 'to', '请填写收件邮箱', 'Say whom to send it to (an e-mail address)');
  if (!EMAIL.test(recipient)) throw crmError('bad_request', 'to', `“${recipient}”不是电子邮件地址`, `“${recipient}” is not an e-mail address`);
  const deal = await crm.find(String(quotation.dealId ?? ''));
  if (deal?.form !== 'Deal' || !canRead(access, deal)) throw crmError('bad_request', 'dealId', '找不到这份单据所属的业务', 'The deal it belongs to cannot be found');
  const settingsDoc = await crm.find(CRM_SETTINGS_ID);
  const settings = crmSettingsOf(settingsDoc);
  // Above the allowed discount it goes through its approval route first (design/forms/quotation.ts).
  const refusal = approvalRefusal(quotation, settingsDoc);
  if (refusal) throw crmError('forbidden', refusal.field, refusal.reason.zh, refusal.reason.en);
  if (!(await loadMailSettings(store)).accounts.some((account) => account.smtp !== undefined)) {
    throw crmError('conflict', 'to', NO_SENDING_ACCOUNT.zh, NO_SENDING_ACCOUNT.en);
  }

  const ctx: SaveContext = { user: SERVER_USER, now };
  const number = await numberOf(store, crm, quotation, settings, now);
  const numbered = { ...quotation, number };
  const pdf = await renderQuotationPdf(numbered, settings.letterhead);
  const mailId = quotationMailId(id);
  const [queued] = await crm.saveMany([quotationMail(numbered, recipient, message, user, pdf, mailId)], ctx);
  // Already there: another attempt queued it (at once, or before its server stopped); it is marked sent and recorded below all the same.
  if (queued && !queued.ok && queued.error !== 'conflict') throw new Error(queued.reason);
  const sent = await updateDoc(crm, id, (current) => (current.status === 'sent' ? null : {
    ...current, number, status: 'sent', to: recipient, sentAt: now, sentBy: user.name, sentTo: [recipient], mailId,
  }), () => ctx);
  const kind = quotation.kind === 'proforma' ? 'proforma' : 'quotation';
  await recordSent(crm, deal._id, { kind, number, at: now, by: user.name, to: recipient, mailId }, ctx);
  return sent ?? await crm.get(id);
}

function parseSendBody(body: unknown): { to?: string; message?: string } {
  const { to, message } = (body !== null && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  if (to !== undefined && typeof to !== 'string') throw crmError('bad_request', 'to', '收件邮箱必须是文本', 'to must be text');
  if (message !== undefined && (typeof message !== 'string' || message.length > 20_000)) {
    throw crmError('bad_request', 'message', '邮件正文必须是不超过 20000 字的文本', 'The message must be text of at most 20,000 characters');
  }
  return { ...(to !== undefined && to.trim() !== '' ? { to: to.trim() } : {}), ...(message !== undefined && message.trim() !== '' ? { message } : {}) };
}

/** Its number, or the next of its series, kept on it at once so that another attempt sends it under the same one. */
async function numberOf(store: Store, crm: Database, quotation: StoredDoc, settings: CrmSettings, now: string): Promise<string> {
  if (typeof quotation.number === 'string' && quotation.number !== '') return quotation.number;
  const format = settings.numbering(quotation.kind === 'proforma' ? 'proformaNumber' : 'quotationNumber');
  const date = datePart(format, now);
  const next = formatNumber(format, date, await takeNext(store.serverDocs, counterId(quotation.kind === 'proforma' ? 'proformaNumber' : 'quotationNumber', format, date)));
  // Of two attempts at once the first number kept wins; the other is a gap in the series, never a duplicate.
  const saved = await updateDoc(crm, quotation._id, (current) => (typeof current.number === 'string' && current.number !== '' ? null : { ...current, number: next }), () => ({ user: SERVER_USER, now }));
  return String((saved ?? await crm.get(quotation._id)).number);
}

const MAIL_TEXT = {
  zh: (title: string, number: string, name: string, sender: string) => `${name ? `${name}，您好：` : '您好：'}\n\n附件是我们的${title} ${number}，请查收。如有任何问题，请随时与我们联系。\n\n${sender}`,
  en: (title: string, number: string, name: string, sender: string) => `Dear ${name || 'Sir or Madam'},\n\nplease find attached our ${title.toLowerCase()} ${number}. Do not hesitate to contact us with any question.\n\nBest regards,\n${sender}`,
} as const;

function quotationMail(quotation: Doc, to: string, message: string | undefined, user: UserContext, pdf: Uint8Array, mailId: string): Doc {
  const language = quotation.language === 'zh' ? 'zh' : 'en';
  const kind = QUOTATION_KINDS.find((k) => k.value === quotation.kind) ?? QUOTATION_KINDS[0]!;
  const title = kind.label[language];
  const number = String(quotation.number);
  const contactName = typeof quotation.contactName === 'string' ? quotation.contactName : '';
  const subject = `${title} ${number}${typeof quotation.dealName === 'string' && quotation.dealName !== '' ? ` – ${quotation.dealName}` : ''}`;
  return {
    _id: mailId, form: 'MailMessage', direction: 'out', status: 'queued',
    to: [to], ...(contactName ? { toNames: [contactName] } : {}),
    subject, body: message ?? MAIL_TEXT[language](title, number, contactName, user.name),
    customerId: quotation.customerId, customerName: quotation.customerName,
    ...(typeof quotation.contactId === 'string' && quotation.contactId !== '' ? { contactId: quotation.contactId, contactName } : {}),
    owner: Array.isArray(quotation.owner) ? quotation.owner : [user.name],
    readers: Array.isArray(quotation.readers) ? quotation.readers : [], authors: Array.isArray(quotation.authors) ? quotation.authors : [],
    _attachments: { [`${kind.label.en} ${number}.pdf`]: { content_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') } },
  };
}

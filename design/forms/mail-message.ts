import { MB } from '../attachment-rules.js';
import { conversationTitle } from '../conversation-title.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import { fieldError } from '../field-error.js';
import { choices } from './choices.js';
import { gatewayWriteErrors, isServerUser, type GatewayOwned } from './gateway-fields.js';

export const MAIL_DIRECTIONS = choices({
  in: ['收到', 'Received'],
  out: ['发出', 'Sent'],
});

/** An outgoing message is a draft, then queued (the workstation's part), then the server's. */
/** RFC 3834: what the server sends of itself, answering a message or not. */
export const AUTO_SUBMITTED = choices({
  'auto-replied': ['自动回复', 'Auto-reply'],
  'auto-generated': ['自动发送', 'Sent automatically'],
});

export const FOLLOW_UP_KINDS = choices({
  mail: ['自动发跟进邮件给客户', 'Mail the customer'],
  reminder: ['只提醒我', 'Remind me only'],
});

export const MAIL_STATUSES = choices({
  received: ['已收到', 'Received'],
  draft: ['草稿', 'Draft'],
  queued: ['待发送', 'Queued'],
  sending: ['发送中', 'Sending'],
  sent: ['已发送', 'Sent'],
  failed: ['发送失败', 'Failed'],
  uncertain: ['待确认', 'Needs checking'],
  dismissed: ['不再发送', 'Dismissed'],
});

/** A message the server may have sent before it stopped: a person resends it or lets it be, and changes nothing else. */
const AFTER_UNCERTAIN = new Set(['queued', 'dismissed']);
const CONTENT = ['to', 'toNames', 'cc', 'bcc', 'subject', 'body', 'inReplyTo', 'references', 'messageId'] as const;

/** What only the mail gateway writes: how it imported, claimed and sent a message. */
const OUTGOING: GatewayOwned = {
  userStatuses: new Set(['draft', 'queued']),
  serverFields: ['html', 'inlineImages', 'replyTo', 'mailNotes', 'platform', 'contentHash', 'sameMessageIdAs', 'accountId', 'mailbox', 'uidValidity', 'uid', 'attempts', 'nextAttemptAt', 'claimedBy', 'leaseUntil', 'lastError', 'lastErrorCode', 'sentAt', 'unsubscribeUrl', 'unsubscribeMailto'],
};

/**
 * One e-mail, received or sent, filed under the customer and contact it is with (邮件). Imported
 * messages take the access of their customer; unknown senders are leads (潜在客户) until someone
 * assigns them. Threads share `threadId`, the id of their first message.
 */
export const mailMessageForm = defineForm({
  name: 'MailMessage',
  label: { zh: '邮件', en: 'E-mail' },
  db: 'crm',
  titleField: 'subject',
  // Only what views sort or categorise by is sortable: a pinyin key of every Chinese subject
  // would cost more than filing the message does.
  fields: {
    direction: { type: 'choice', label: { zh: '方向', en: 'Direction' }, required: true, sortable: true, choices: MAIL_DIRECTIONS, default: 'out' },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: MAIL_STATUSES, default: 'draft' },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, maxLength: 2000 },
    from: { type: 'text', label: { zh: '发件人', en: 'From' }, maxLength: 320 },
    fromName: { type: 'text', label: { zh: '发件人姓名', en: 'Sender name' }, maxLength: 300 },
    to: { type: 'keywords', label: { zh: '收件人', en: 'To' }, maxLength: 320 },
    toNames: { type: 'keywords', label: { zh: '收件人姓名', en: 'Recipient names' }, maxLength: 300 },
    cc: { type: 'keywords', label: { zh: '抄送', en: 'Cc' }, maxLength: 320 },
    bcc: { type: 'keywords', label: { zh: '密送', en: 'Bcc' }, maxLength: 320 },
    body: { type: 'textarea', label: { zh: '正文', en: 'Body' }, maxLength: 2_000_000 },
    /** A received message's HTML, sanitised by the gateway; the workstation shows it in a frame that runs no script. */
    html: { type: 'textarea', label: { zh: 'HTML 正文', en: 'HTML body' }, maxLength: 4_000_000 },
    /** The attachments an HTML body shows inline, by the Content-ID its `cid:` images name. */
    inlineImages: {
      type: 'objects',
      label: { zh: '内嵌图片', en: 'Inline images' },
      columns: {
        cid: { type: 'text', label: { zh: '内容标识', en: 'Content-ID' }, required: true, maxLength: 998 },
        name: { type: 'text', label: { zh: '附件', en: 'Attachment' }, required: true, maxLength: 500 },
      },
    },
    replyTo: { type: 'keywords', label: { zh: '回复地址', en: 'Reply-To' }, maxLength: 320 },
    /** What the gateway could not read as it came, or kept in another form. */
    mailNotes: { type: 'keywords', label: { zh: '收信说明', en: 'Notes on receipt' }, maxLength: 2000 },
    /** The B2B platform a buyer's inquiry came through. */
    platform: { type: 'text', label: { zh: 'B2B 平台', en: 'B2B platform' }, sortable: true, maxLength: 60 },
    /** A hash of what the message says, to tell a resent message from another reusing its Message-ID. */
    contentHash: { type: 'text', label: { zh: '内容摘要', en: 'Content hash' }, maxLength: 100 },
    /** The first message filed with the same Message-ID, when this one says something else. */
    sameMessageIdAs: { type: 'text', label: { zh: '相同邮件标识', en: 'Same Message-ID as' }, maxLength: 200 },
    date: { type: 'datetime', label: { zh: '日期', en: 'Date' } },
    timelineDate: { type: 'datetime', label: { zh: '时间', en: 'When' }, computed: (doc) => timelineDateOf(doc) },
    messageId: { type: 'text', label: { zh: '邮件标识', en: 'Message-ID' }, maxLength: 998 },
    inReplyTo: { type: 'text', label: { zh: '回复邮件', en: 'In reply to' }, maxLength: 998 },
    references: { type: 'keywords', label: { zh: '引用邮件', en: 'References' }, maxLength: 998 },
    threadId: { type: 'text', label: { zh: '会话', en: 'Thread' }, maxLength: 200 },
    /** The conversation's subject, as its first message had it (without Re:, 回复:): its heading in the mail views. */
    threadTitle: { type: 'text', label: { zh: '会话主题', en: 'Conversation' }, sortable: true, maxLength: 2000, computed: (doc) => threadTitleOf(doc) },
    customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, maxLength: 200 },
    customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200 },
    contactId: { type: 'text', label: { zh: '联系人', en: 'Contact' }, maxLength: 200 },
    contactName: { type: 'text', label: { zh: '联系人姓名', en: 'Contact name' }, maxLength: 100 },
    lead: { type: 'boolean', label: { zh: '潜在客户', en: 'New lead' } },
    owner: { type: 'names', label: { zh: '业务员', en: 'Salesperson' }, sortable: true },
    folder: { type: 'text', label: { zh: '文件夹', en: 'Folder' }, sortable: true, maxLength: 200 },
    tags: { type: 'keywords', label: { zh: '标签', en: 'Tags' }, maxLength: 100 },
    autoGenerated: { type: 'boolean', label: { zh: '自动邮件', en: 'Automatic mail' } },
    autoSubmitted: { type: 'choice', label: { zh: '自动邮件类型', en: 'Automatic mail' }, choices: AUTO_SUBMITTED },
    /**
     * After this message is sent: a follow-up mail to the customer at `followUpAt` (by default the
     * next day, 09:00 where the customer is) unless they write first, or only a reminder to the salesperson.
     */
    followUpKind: { type: 'choice', label: { zh: '跟进方式', en: 'Follow-up' }, choices: FOLLOW_UP_KINDS },
    followUpAt: { type: 'datetime', label: { zh: '跟进时间', en: 'Follow up at' } },
    followUpSubject: { type: 'text', label: { zh: '跟进邮件主题', en: 'Follow-up subject' }, maxLength: 2000 },
    followUpBody: { type: 'textarea', label: { zh: '跟进邮件正文', en: 'Follow-up text' }, maxLength: 200_000 },
    followUpTemplateId: { type: 'text', label: { zh: '跟进邮件模板', en: 'Follow-up template' }, maxLength: 200 },
    accountId: { type: 'text', label: { zh: '邮箱账户', en: 'Mail account' }, maxLength: 200 },
    mailbox: { type: 'text', label: { zh: '邮件夹', en: 'Mailbox' }, maxLength: 500 },
    uidValidity: { type: 'text', label: { zh: 'UIDVALIDITY', en: 'UIDVALIDITY' }, maxLength: 20 },
    uid: { type: 'number', label: { zh: 'UID', en: 'UID' }, min: 1 },
    attempts: { type: 'number', label: { zh: '发送次数', en: 'Attempts' }, min: 0 },
    nextAttemptAt: { type: 'datetime', label: { zh: '下次发送', en: 'Next attempt' } },
    claimedBy: { type: 'text', label: { zh: '发送服务器', en: 'Claimed by' }, maxLength: 200 },
    leaseUntil: { type: 'datetime', label: { zh: '占用至', en: 'Lease until' } },
    lastError: { type: 'textarea', label: { zh: '失败原因', en: 'Reason' }, maxLength: 2000 },
    lastErrorCode: { type: 'text', label: { zh: '失败代码', en: 'Error code' }, maxLength: 40 },
    sentAt: { type: 'datetime', label: { zh: '发送时间', en: 'Sent' } },
    /** Mass mail: where the recipient unsubscribes with one click (RFC 8058), or by mail. */
    unsubscribeUrl: { type: 'url', label: { zh: '退订链接', en: 'Unsubscribe link' } },
    unsubscribeMailto: { type: 'text', label: { zh: '退订邮件地址', en: 'Unsubscribe by mail' }, maxLength: 2000 },
  },
  defaultAuthors: (_doc, ctx) => [ctx.user.name],
  // A person attaches files to outgoing mail they can still change; received files are the gateway's.
  attachments: {
    label: { zh: '附件', en: 'Attachments' }, maxBytes: 10 * MB, maxTotalBytes: 20 * MB,
    userMay: (doc) => doc.direction === 'out' && OUTGOING.userStatuses.has(String(doc.status)),
  },
  rules: (doc, oldDoc, user) => (isServerUser(user) ? [] : userWriteErrors(doc, oldDoc)),
});

/** A reply carries its conversation's heading; a first message's is its own subject. */
function threadTitleOf(doc: Doc): string {
  if (typeof doc.threadTitle === 'string' && doc.threadTitle !== '') return doc.threadTitle;
  return typeof doc.subject === 'string' ? conversationTitle(doc.subject).slice(0, 2000) : '';
}

function timelineDateOf(doc: Doc): string | undefined {
  for (const value of [doc.date, doc.sentAt, doc.created]) if (typeof value === 'string' && value !== '') return value;
  return undefined;
}

/** People compose and queue; receiving, claiming and sending stay the gateway's. */
function userWriteErrors(doc: Doc, oldDoc: Doc | null): FieldError[] {
  if (oldDoc?.status === 'uncertain' && doc.direction === 'out') return afterUncertainErrors(doc, oldDoc);
  const errors: FieldError[] = [];
  if (doc.direction !== 'out' && (!oldDoc || oldDoc.direction !== doc.direction)) {
    errors.push(fieldError('direction', 'rule', '只有邮件网关可以收录邮件', 'Only the mail gateway files received mail'));
  }
  // A received message is filed and tagged by people; only outgoing ones are handed to the gateway.
  const owned = doc.direction === 'out' || !oldDoc ? OUTGOING : { ...OUTGOING, userStatuses: new Set(['received']) };
  return [...errors, ...gatewayWriteErrors(doc, oldDoc, owned)];
}

function afterUncertainErrors(doc: Doc, oldDoc: Doc): FieldError[] {
  const errors = gatewayWriteErrors(doc, oldDoc, { ...OUTGOING, userStatuses: new Set(['uncertain', ...AFTER_UNCERTAIN]) });
  if (CONTENT.some((field) => JSON.stringify(doc[field]) !== JSON.stringify(oldDoc[field]))) {
    errors.push(fieldError('status', 'rule', '待确认的邮件只能重新发送或不再发送', 'A message that needs checking can only be resent or dismissed'));
  }
  return errors;
}

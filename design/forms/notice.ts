import { defineForm, type Doc, type SaveContext } from '../form.js';
import { choices } from './choices.js';

/**
 * How Guanxi tells a person something: an urge on a deal, an appointment reminder, a complaint
 * left open too long, a forum post matching their interests, two people's edits of one record in conflict. One document per notice, readable
 * only by its recipients, so each workstation replicates just its own user's notices and shows
 * them in the view "My notices". The mail gateway also sends each notice by e-mail, once, to
 * recipients who have an address (it records that in `mailedAt`). A notice about an office
 * document lives in `office` beside it, so that people without the CRM see it in their
 * workstation too.
 */
export const NOTICE_KINDS = choices({
  urge: ['催办', 'Urge'],
  reminder: ['预约提示', 'Reminder'],
  handover: ['业务移交', 'Hand-over'],
  complaint: ['投诉', 'Complaint'],
  interest: ['兴趣', 'Interest'],
  payment: ['收款提醒', 'Payment due'],
  care: ['客户关怀', 'Customer care'],
  conflict: ['修改冲突', 'Conflicting edits'],
  approval: ['审批', 'Approval'],
  upgrade: ['升级', 'Upgrade'],
  support: ['技术支持', 'Support'],
  invitation: ['会议邀请', 'Invitation'],
  answer: ['邀请答复', 'Answer to an invitation'],
});

export const noticeForm = defineForm({
  name: 'Notice',
  label: { zh: '通知', en: 'Notice' },
  db: 'crm',
  alsoIn: ['office'],
  titleField: 'subject',
  fields: {
    kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, sortable: true, required: true, choices: NOTICE_KINDS },
    recipients: { type: 'names', label: { zh: '收件人', en: 'Recipients' }, required: true },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    body: { type: 'textarea', label: { zh: '内容', en: 'Body' }, maxLength: 20000 },
    /** The document the notice is about, opened from it: database and id. */
    linkDb: { type: 'text', label: { zh: '相关数据库', en: 'Database' }, maxLength: 40 },
    linkId: { type: 'text', label: { zh: '相关文档', en: 'Document' }, maxLength: 200 },
    /** When the notice is due to be shown (a reminder's time); absent means at once. */
    due: { type: 'datetime', label: { zh: '提醒时间', en: 'Due' } },
    readAt: { type: 'datetime', label: { zh: '已读时间', en: 'Read' } },
    mailedAt: { type: 'datetime', label: { zh: '邮件发送时间', en: 'Mailed' } },
  },
  // Only the recipients (and the sender, who may take it back) see it; recipients mark it read.
  defaultReaders: senderAndRecipients,
  defaultAuthors: senderAndRecipients,
});

function senderAndRecipients(doc: Doc, ctx: SaveContext): string[] {
  return [...new Set([ctx.user.name, ...(Array.isArray(doc.recipients) ? doc.recipients.map(String) : [])])];
}

import { defineForm } from '../form.js';

/**
 * A company (or personal) mailbox that the gateway imports from and sends through (邮箱账户).
 * Holds no secrets: passwords stay on the servers (set in the workstation's password box or with
 * `guanxi mail password`), never replicated.
 */
export const mailAccountForm = defineForm({
  name: 'MailAccount',
  label: { zh: '邮箱账户', en: 'Mail account' },
  db: 'names',
  titleField: 'address',
  minimumLevel: 'manager',
  fields: {
    address: { type: 'email', label: { zh: '邮箱地址', en: 'Address' }, required: true, sortable: true },
    displayName: { type: 'text', label: { zh: '显示名称', en: 'Display name' }, maxLength: 200 },
    enabled: { type: 'boolean', label: { zh: '启用', en: 'Enabled' }, default: true },
    imapHost: { type: 'text', label: { zh: 'IMAP 服务器', en: 'IMAP host' }, maxLength: 255 },
    imapPort: { type: 'number', label: { zh: 'IMAP 端口', en: 'IMAP port' }, min: 1, max: 65535, default: 993 },
    imapTls: { type: 'boolean', label: { zh: 'IMAP 使用 TLS', en: 'IMAP over TLS' }, default: true },
    imapUser: { type: 'text', label: { zh: 'IMAP 用户名', en: 'IMAP user' }, maxLength: 320 },
    mailboxes: { type: 'keywords', label: { zh: '收取的邮件夹', en: 'Mailboxes to import' }, default: ['INBOX'] },
    smtpHost: { type: 'text', label: { zh: 'SMTP 服务器', en: 'SMTP host' }, maxLength: 255 },
    smtpPort: { type: 'number', label: { zh: 'SMTP 端口', en: 'SMTP port' }, min: 1, max: 65535, default: 465 },
    smtpTls: { type: 'boolean', label: { zh: 'SMTP 使用 TLS', en: 'SMTP over TLS' }, default: true },
    smtpUser: { type: 'text', label: { zh: 'SMTP 用户名', en: 'SMTP user' }, maxLength: 320 },
    /** Who gets new leads that no rule routes. */
    defaultOwner: { type: 'names', label: { zh: '默认业务员', en: 'Default salesperson' } },
  },
});

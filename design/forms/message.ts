import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import type { UserContext } from '../user.js';
import { now, savingUser } from './crm-fields.js';

function list(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String).filter((name) => name !== '') : [];
}

/** Whoever wrote the document first is its sender (poster, reader), and stays so. */
export function signedBy(field: string, doc: Doc, oldDoc: Doc | null, user: UserContext): FieldError[] {
  const expected = oldDoc ? list(oldDoc[field]) : [user.name];
  const given = list(doc[field]);
  return given.length === expected.length && given.every((name, i) => name === expected[i])
    ? [] : [fieldError(field, 'rule', '不能以他人的名义填写', 'This names whoever wrote it first, and cannot name anyone else')];
}

/**
 * An internal short message (内部短信) to people, groups or departments (a department is a group),
 * with a link to a document if wanted. It is one document whose readers are its sender and its
 * addressees: the gateway gives it to each member of a group once, however many of the named
 * groups they are in, and a message written offline goes out with the sender's next sync.
 * Recipients never change it: each says "read" with a Receipt of their own.
 */
export const messageForm = defineForm({
  name: 'Message',
  label: { zh: '内部短信', en: 'Message' },
  db: 'crm',
  titleField: 'subject',
  fields: {
    to: { type: 'names', label: { zh: '收件人（人员、组或部门）', en: 'To (people, groups, departments)' }, required: true, sortable: true, maxItems: 200 },
    subject: { type: 'text', label: { zh: '主题', en: 'Subject' }, required: true, maxLength: 300 },
    body: { type: 'textarea', label: { zh: '内容', en: 'Message' }, maxLength: 20000 },
    linkDb: { type: 'text', label: { zh: '相关数据库', en: 'Database' }, maxLength: 40 },
    linkId: { type: 'text', label: { zh: '相关文档', en: 'Document' }, maxLength: 200 },
    linkTitle: { type: 'text', label: { zh: '相关文档标题', en: 'Document title' }, maxLength: 300 },
    sender: { type: 'names', label: { zh: '发件人', en: 'From' }, required: true, sortable: true, default: savingUser, maxItems: 1 },
    /** When it was written, on the sender's workstation (offline too). */
    sent: { type: 'datetime', label: { zh: '发送时间', en: 'Sent' }, default: now },
    // Whoever is added to `to` later receives it too.
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: (doc) => [...new Set([...list(doc.sender), ...list(doc.to)])] },
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: (doc) => list(doc.sender) },
  },
  rules: (doc, oldDoc, user) => signedBy('sender', doc, oldDoc, user),
});

/**
 * "Read" (已读回执): written by one reader of a message or bulletin as a response to it, seen by
 * that reader and by whoever `notify` names (the sender, the poster). One document per reader,
 * so that readers never edit the same document.
 */
export const receiptForm = defineForm({
  name: 'Receipt',
  label: { zh: '已读回执', en: 'Read receipt' },
  db: 'crm',
  response: true,
  titleField: 'reader',
  fields: {
    reader: { type: 'names', label: { zh: '读者', en: 'Read by' }, required: true, sortable: true, default: savingUser, maxItems: 1 },
    readAt: { type: 'datetime', label: { zh: '阅读时间', en: 'Read at' }, required: true, default: now },
    notify: { type: 'names', label: { zh: '告知', en: 'Shown to' }, maxItems: 20 },
  },
  defaultReaders: (doc) => [...new Set([...list(doc.reader), ...list(doc.notify)])],
  defaultAuthors: (doc) => list(doc.reader),
  rules: (doc, oldDoc, user) => signedBy('reader', doc, oldDoc, user),
});

/**
 * The id of a person's receipt for a message or bulletin: the same on each of their workstations,
 * so that "read" is one document per reader, found without a query. A 53-bit hash keeps the id
 * short and ASCII whatever the names (ids are ASCII; user names are mostly Chinese).
 */
export function receiptId(parentId: string, userName: string): string {
  const text = `${parentId}\n${userName}`;
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return `receipt-${(4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(36)}`;
}

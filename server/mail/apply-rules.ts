import type { Doc } from '../../design/form.js';
import type { ParsedMessage } from './parse-message.js';

export interface MailRule {
  readonly id: string;
  readonly name: string;
  readonly order: number;
  readonly senders: readonly string[];
  readonly domains: readonly string[];
  readonly recipients: readonly string[];
  readonly subjectWords: readonly string[];
  readonly words: readonly string[];
  readonly assignTo: readonly string[];
  readonly folder?: string;
  readonly tags: readonly string[];
  readonly autoReplyTemplate?: string;
  /** At most one auto-reply per sender in this many days. */
  readonly autoReplyDays?: number;
  readonly stop: boolean;
}

export interface Routing {
  readonly owner: readonly string[];
  readonly folder?: string;
  readonly tags: readonly string[];
  readonly autoReplyTemplate?: string;
  readonly autoReplyDays?: number;
  /** The rules that matched, in order, for the log and the document. */
  readonly matched: readonly string[];
}

/** The enabled MailRule documents, in the order they run (then by name, so the order is stable). */
export function rulesFromDocs(docs: readonly Doc[]): MailRule[] {
  const list = (value: unknown) => (Array.isArray(value) ? value.map((v) => String(v).trim()).filter((v) => v !== '') : []);
  return docs
    .filter((doc) => doc.form === 'MailRule' && doc.enabled !== false)
    .map((doc) => ({
      id: String(doc._id),
      name: String(doc.name ?? ''),
      order: typeof doc.order === 'number' ? doc.order : 100,
      senders: list(doc.senders).map(fold),
      domains: list(doc.domains).map((d) => fold(d).replace(/^@/, '')),
      recipients: list(doc.recipients).map(fold),
      subjectWords: list(doc.subjectWords).map(fold),
      words: list(doc.words).map(fold),
      assignTo: list(doc.assignTo),
      ...(typeof doc.folder === 'string' && doc.folder.trim() !== '' ? { folder: doc.folder.trim() } : {}),
      tags: list(doc.tags),
      ...(typeof doc.autoReplyTemplate === 'string' && doc.autoReplyTemplate.trim() !== '' ? { autoReplyTemplate: doc.autoReplyTemplate.trim() } : {}),
      ...(typeof doc.autoReplyDays === 'number' && doc.autoReplyDays > 0 ? { autoReplyDays: doc.autoReplyDays } : {}),
      stop: doc.stop === true,
    }))
    .sort((a, b) => a.order - b.order || a.name.localeCompare(b.name));
}

/**
 * Runs the rules in order on one message. A rule matches when each condition it has matches
 * (any of its values); every matching rule adds its tags, the first to name a salesperson, a
 * folder or an auto-reply decides it, and a rule that says stop ends the run.
 */
export function applyRules(message: ParsedMessage, rules: readonly MailRule[]): Routing {
  const from = message.from?.address ?? '';
  const domain = from.slice(from.lastIndexOf('@') + 1);
  const recipients = [...message.to, ...message.cc].map((a) => a.address);
  const subject = fold(message.subject);
  const text = `${subject}\n${fold(message.text)}`;
  let owner: readonly string[] = [];
  let folder: string | undefined;
  let autoReplyTemplate: string | undefined;
  let autoReplyDays: number | undefined;
  const tags = new Set<string>();
  const matched: string[] = [];
  for (const rule of rules) {
    const matches = (rule.senders.length === 0 || rule.senders.includes(from))
      && (rule.domains.length === 0 || rule.domains.some((d) => domain === d || domain.endsWith(`.${d}`)))
      && (rule.recipients.length === 0 || rule.recipients.some((r) => recipients.includes(r)))
      && (rule.subjectWords.length === 0 || rule.subjectWords.some((w) => subject.includes(w)))
      && (rule.words.length === 0 || rule.words.some((w) => text.includes(w)));
    if (!matches) continue;
    matched.push(rule.name);
    if (owner.length === 0 && rule.assignTo.length > 0) owner = rule.assignTo;
    folder ??= rule.folder;
    if (autoReplyTemplate === undefined && rule.autoReplyTemplate !== undefined) ({ autoReplyTemplate, autoReplyDays } = rule);
    for (const tag of rule.tags) tags.add(tag);
    if (rule.stop) break;
  }
  return { owner, ...(folder === undefined ? {} : { folder }), ...(autoReplyTemplate === undefined ? {} : { autoReplyTemplate }), ...(autoReplyDays === undefined ? {} : { autoReplyDays }), tags: [...tags], matched };
}

/** Case- and width-insensitive, so ＡＬＩＢＡＢＡ matches alibaba and 询价 matches 询价. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

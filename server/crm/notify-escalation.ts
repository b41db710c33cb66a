import { createHash } from 'node:crypto';
import type { Doc, SaveContext } from '../../design/form.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import { updateDoc } from './update-doc.js';
import { saveNoticeOnce } from './save-notice-once.js';

/** One notice per support request and person it was escalated to: any server, any replay, saves the same id. */
export function escalationNoticeId(supportId: string, person: string): string {
  return `escalated-${createHash('sha256').update(`${supportId}\n${person}`).digest('hex').slice(0, 32)}`;
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((name): name is string => typeof name === 'string' && name.trim() !== '') : [];
}

/**
 * A support request escalated to technical support (状态 已转技术支持, 技术支持 named) reaches them:
 * they are added to its authors, and to its readers when it has some (a request opened from a
 * restricted customer), so they can read and answer it; and each gets a notice linking to it,
 * once. Returns how many notices this call created.
 */
export async function notifyEscalation(crm: Database, changed: Doc, ctx: () => SaveContext): Promise<number> {
  if (changed.form !== 'Support' || changed.status !== 'escalated') return 0;
  const people = names(changed.escalatedTo);
  if (people.length === 0) return 0;
  await updateDoc(crm, changed._id!, (current) => {
    if (current.form !== 'Support') return null;
    const authors = names(current.authors);
    const readers = names(current.readers);
    const missing = (list: string[]) => people.filter((person) => !list.includes(person));
    if (missing(authors).length === 0 && (readers.length === 0 || missing(readers).length === 0)) return null;
    return { ...current, authors: [...authors, ...missing(authors)], ...(readers.length > 0 ? { readers: [...readers, ...missing(readers)] } : {}) };
  }, ctx).catch((error: unknown) => {
    if (!(error instanceof GuanxiError && error.kind === 'not_found')) throw error;
  });
  const question = String(changed.question ?? '');
  const customer = typeof changed.customerName === 'string' ? changed.customerName : '';
  let created = 0;
  for (const person of people) {
    const notice: Doc = {
      _id: escalationNoticeId(changed._id!, person),
      form: 'Notice',
      kind: 'support',
      recipients: [person],
      subject: `技术支持 Support: ${question}`.slice(0, 300),
      body: [
        `${String(changed.modifiedBy ?? '')} 将${customer ? `客户“${customer}”的` : ''}问题转给您：${question}`,
        `${String(changed.modifiedBy ?? '')} passed you a question${customer ? ` of ${customer}` : ''}: ${question}`,
        ...(typeof changed.details === 'string' && changed.details !== '' ? ['', changed.details] : []),
      ].join('\n').slice(0, 20_000),
      linkDb: 'crm',
      linkId: changed._id,
    };
    if (await saveNoticeOnce(crm, notice, ctx())) created++;
  }
  return created;
}

import { nurtureId } from '../../design/forms/nurture.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Logger } from '../log.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

const DAY = 86_400_000;

/**
 * Queues the nurture steps that came due: a step's message id derives from the sequence, its
 * start and the step, so it is made once however many servers tick; the sequence then moves on
 * (a conflict means another server moved it).
 */
export async function runNurtures(crm: Database, now: Date, logger: Logger): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  let queued = 0;
  for (let nurture of await docsOfView(crm, 'nurtures-active')) {
    try {
      if (typeof nurture.startedAt !== 'string') nurture = await crm.save({ ...nurture, startedAt: ctx.now, nextStep: 0 }, ctx);
      const steps = (Array.isArray(nurture.steps) ? nurture.steps : []) as { days: number; templateId: string }[];
      const step = typeof nurture.nextStep === 'number' ? nurture.nextStep : 0;
      const current = steps[step];
      if (!current) {
        await crm.save({ ...nurture, status: 'done' }, ctx);
        continue;
      }
      if (Date.parse(String(nurture.startedAt)) + current.days * DAY > now.getTime()) continue;
      const message = await stepMessage(crm, nurture, step, current.templateId);
      if (message) {
        const [result] = await crm.saveMany([message], ctx);
        if (result && !result.ok && result.error !== 'conflict') throw new Error(result.reason);
        queued++;
      }
      await crm.save({ ...nurture, nextStep: step + 1, ...(step + 1 >= steps.length ? { status: 'done' } : {}) }, ctx);
    } catch (error) {
      if (error instanceof GuanxiError && error.kind === 'conflict') continue;
      logger.error({ id: nurture._id, err: error }, 'a nurture step could not be queued');
    }
  }
  return queued;
}

async function stepMessage(crm: Database, nurture: StoredDoc, step: number, templateId: string): Promise<Doc | undefined> {
  const [template, contact] = await Promise.all([crm.find(templateId), crm.find(String(nurture.contactId))]);
  const address = Array.isArray(contact?.emails) ? contact.emails[0] : undefined;
  if (template?.form !== 'MailTemplate' || typeof address !== 'string') return undefined;
  const values = { contactName: String(contact!.name ?? ''), customerName: String(contact!.customerName ?? ''), salesperson: String(nurture.createdBy ?? '') };
  return {
    _id: `${nurture._id}-${Date.parse(String(nurture.startedAt)).toString(36)}-${step}`,
    form: 'MailMessage', direction: 'out', status: 'queued', autoSubmitted: 'auto-generated',
    to: [address], toNames: [String(contact!.name ?? '')],
    subject: mergeTemplate(String(template.subject ?? ''), values),
    body: mergeTemplate(String(template.body ?? ''), values),
    customerId: contact!.customerId, customerName: contact!.customerName, contactId: contact!._id, contactName: contact!.name,
    readers: Array.isArray(nurture.readers) ? nurture.readers : [], authors: Array.isArray(nurture.authors) ? nurture.authors : [],
  };
}

/** A message from a contact stops their nurture sequence: they are talking now. */
export async function stopNurtures(crm: Database, replies: readonly { contactId: string; messageId: string }[], ctx: SaveContext): Promise<number> {
  if (replies.length === 0) return 0;
  const byId = new Map(replies.map((r) => [nurtureId(r.contactId), r.messageId]));
  const { rows } = await crm.pouch.allDocs({ keys: [...byId.keys()], include_docs: true });
  const stopped = rows.flatMap((row) => {
    const doc = 'doc' in row ? (row.doc as StoredDoc | null | undefined) : undefined;
    return doc?.status === 'active' ? [{ ...doc, status: 'stopped', stoppedBy: byId.get(doc._id)! }] : [];
  });
  const results = await crm.saveMany(stopped, ctx);
  return results.filter((r) => r.ok).length;
}

import type { SaveContext } from '../../design/form.js';
import type { Database } from '../store/store.js';
import { updateDoc } from './update-doc.js';

/** One entry of a deal's `sentDocuments`. */
export interface SentEntry {
  readonly kind: 'quotation' | 'proforma' | 'reminder';
  readonly number?: string;
  readonly at: string;
  readonly by: string;
  readonly to: string;
  readonly detail?: string;
  readonly mailId: string;
}

/** Appends what was mailed from the deal to its record, once per mail. */
export async function recordSent(crm: Database, dealId: string, entry: SentEntry, ctx: SaveContext): Promise<void> {
  await updateDoc(crm, dealId, (deal) => {
    const sent = Array.isArray(deal.sentDocuments) ? (deal.sentDocuments as { mailId?: unknown }[]) : [];
    return sent.some((e) => e?.mailId === entry.mailId) ? null : { ...deal, sentDocuments: [...sent, entry] };
  }, () => ctx);
}

import type { Doc } from '../../design/form.js';
import type { Store } from '../store/store.js';
import { claimUpTo } from './counter.js';
import { readCrmSettings, type Series } from './crm-settings.js';
import { parseNumber } from './numbering.js';

const BATCH = 500;

/** The series and number a record holds: a customer's code, a deal's number, a quotation's or proforma invoice's number. */
function heldNumber(doc: Doc): readonly [Series, unknown] | null {
  if (doc.form === 'Customer') return ['customerCode', doc.code];
  if (doc.form === 'Deal') return ['dealNumber', doc.number];
  if (doc.form === 'Quotation') return [doc.kind === 'proforma' ? 'proformaNumber' : 'quotationNumber', doc.number];
  return null;
}

/**
 * After a restore: every counter goes on after the greatest number the records hold in the
 * current numbering, whatever the backup's counters said (a backup of an installation whose
 * counters were still `_local` documents, which no backup holds, included).
 */
export async function claimNumbersHeld(store: Store): Promise<void> {
  const crm = store.database('crm');
  const settings = await readCrmSettings(crm);
  const greatest = new Map<string, number>();
  let startkey: string | undefined;
  for (;;) {
    const { rows } = await crm.pouch.allDocs({ include_docs: true, limit: BATCH + 1, ...(startkey ? { startkey } : {}) });
    for (const { doc } of rows.slice(0, BATCH)) {
      const held = doc ? heldNumber(doc) : null;
      if (!held || typeof held[1] !== 'string') continue;
      const parsed = parseNumber(held[0], settings.numbering(held[0]), held[1]);
      if (parsed) greatest.set(parsed.counter, Math.max(greatest.get(parsed.counter) ?? 0, parsed.sequence));
    }
    if (rows.length <= BATCH) break;
    startkey = rows[BATCH]!.id;
  }
  for (const [counter, value] of greatest) await claimUpTo(store.serverDocs, counter, value);
}

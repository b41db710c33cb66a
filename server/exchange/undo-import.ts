import type { Access } from '../../design/access/acl.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { createError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import type { ChangedRecord } from './import-report.js';
import { docsByIds } from './stored-docs.js';

export interface UndoReport {
  /** Fields put back as they were before the import. */
  readonly restored: number;
  /** Fields someone changed again since the import: left as they are now, by record title. */
  readonly kept: readonly { readonly id: string; readonly title: string; readonly field: string }[];
  /** Records that could not be saved (gone, or not the user's to change), with the reason. */
  readonly refused: readonly { readonly id: string; readonly title: string; readonly reason: string }[];
}

/**
 * Puts back what an import changed, from its report's `changed` list: each field that still holds
 * the import's value gets its old value again (an empty one is removed); a field changed since is
 * left alone and listed. Saved as the user, through validation, as any edit.
 */
export async function undoImportChanges(db: Database, changed: unknown, options: { readonly ctx: SaveContext; readonly access?: Access }): Promise<UndoReport> {
  const records = changedRecordsOf(changed);
  const stored = await docsByIds(db, records.map((r) => r.id), options.access);
  const kept: { id: string; title: string; field: string }[] = [];
  const refused: { id: string; title: string; reason: string }[] = [];
  const docs: Doc[] = [];
  let restored = 0;
  for (const record of records) {
    const current = stored.get(record.id);
    if (!current) {
      refused.push({ id: record.id, title: record.title, reason: 'not found' });
      continue;
    }
    const doc: Doc = { ...current };
    for (const change of record.changes) {
      if (JSON.stringify(doc[change.field]) !== JSON.stringify(change.new)) {
        kept.push({ id: record.id, title: record.title, field: change.field });
        continue;
      }
      if (change.old === undefined) delete doc[change.field];
      else doc[change.field] = change.old;
      restored++;
    }
    const decision = options.access ? decideWrite(options.access, current, doc) : { allowed: true as const };
    if (decision.allowed) docs.push(doc);
    else refused.push({ id: record.id, title: record.title, reason: decision.reason });
  }
  const results = await db.saveMany(docs, options.ctx);
  results.forEach((result, i) => {
    if (result.ok) return;
    const record = records.find((r) => r.id === docs[i]!._id)!;
    restored -= record.changes.filter((c) => !kept.some((k) => k.id === record.id && k.field === c.field)).length;
    refused.push({ id: record.id, title: record.title, reason: result.reason });
  });
  return { restored, kept, refused };
}

/** The `changed` list of an import report, checked: anything else is the client's mistake. */
function changedRecordsOf(value: unknown): ChangedRecord[] {
  const bad = () => createError('bad_request', 'changed must be the "changed" list of an import report');
  if (!Array.isArray(value) || value.length > 100_000) throw bad();
  return value.map((record: unknown) => {
    const r = record as Partial<ChangedRecord> | null;
    if (!r || typeof r.id !== 'string' || !Array.isArray(r.changes)) throw bad();
    for (const change of r.changes) if (!change || typeof change.field !== 'string' || change.field.startsWith('_') || !('new' in change)) throw bad();
    return { id: r.id, form: r.form === 'Contact' ? 'Contact' : 'Customer', title: typeof r.title === 'string' ? r.title : r.id, rows: [], changes: r.changes };
  });
}

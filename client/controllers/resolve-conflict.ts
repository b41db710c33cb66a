import type { Doc } from '../../design/form.js';
import type { LocalDatabase } from './local-database.js';
import type { StoredDoc } from './pouch.js';
import { deleteRevisions, saveDocument, type SaveOutcome } from './save-document.js';

export interface Version {
  readonly rev: string;
  readonly doc: StoredDoc;
  /** PouchDB's winner: the version every view shows. */
  readonly winner: boolean;
}

/** The winning revision first, then each conflicting one. */
export async function loadVersions(db: LocalDatabase, id: string): Promise<Version[]> {
  const winner = (await db.pouch.get(id, { conflicts: true })) as StoredDoc;
  const losers = await Promise.all((winner._conflicts ?? []).map((rev) => db.pouch.get(id, { rev }) as Promise<StoredDoc>));
  return [{ rev: winner._rev, doc: winner, winner: true }, ...losers.map((doc) => ({ rev: doc._rev, doc, winner: false }))];
}

/**
 * Resolves the conflict with `fields` taken from the chosen versions (field → revision; unnamed
 * fields stay as in `base`): the result is saved on top of the winner, then the other branches are
 * deleted, so every replica ends with one version. Keeping one version whole is `base` alone.
 */
export async function resolveConflict(db: LocalDatabase, versions: readonly Version[], base: Version, fields: Readonly<Record<string, string>> = {}): Promise<SaveOutcome> {
  const winner = versions.find((v) => v.winner)!;
  const losers = versions.filter((v) => !v.winner).map((v) => v.rev);
  const merged: Doc = { ...contentOf(base.doc) };
  for (const [field, rev] of Object.entries(fields)) {
    const from = versions.find((v) => v.rev === rev)?.doc;
    if (!from) continue;
    if (from[field] === undefined) delete merged[field];
    else merged[field] = from[field];
  }
  const unchanged = base.winner && Object.keys(fields).every((field) => fields[field] === winner.rev);
  let outcome: SaveOutcome = { ok: true, id: winner.doc._id, rev: winner.rev };
  if (!unchanged) {
    outcome = await saveDocument(db, { ...merged, _id: winner.doc._id }, winner.doc as Doc);
    if (!outcome.ok) return outcome;
  }
  await deleteRevisions(db, winner.doc._id, losers);
  return outcome;
}

/** A revision's own fields, without PouchDB's bookkeeping. */
function contentOf(doc: StoredDoc): Doc {
  const { _rev: _r, _conflicts: _c, ...content } = doc;
  return content as Doc;
}

import type { Doc } from '../../design/form.js';
import { viewById } from '../../views/catalog.js';
import type { LocalDatabase } from './local-database.js';
import type { StoredDoc } from './pouch.js';
import { saveDocument, type SaveOutcome } from './save-document.js';

/** A thread deeper than this is cut short when looking for its main topic. */
const MAX_DEPTH = 100;

/** The main topic of a post's thread, as far as the replica holds it. */
export async function threadOf(db: LocalDatabase, doc: Doc): Promise<string> {
  let current = doc;
  for (let depth = 0; typeof current.parent === 'string' && depth < MAX_DEPTH; depth++) {
    try {
      current = await db.pouch.get(current.parent);
    } catch {
      break;
    }
  }
  return String(current._id);
}

/** The user's interest profile: the only one their replica holds, since only its owner reads it. */
export async function myInterestProfile(db: LocalDatabase): Promise<StoredDoc | null> {
  const view = viewById('interest-profiles');
  if (!view) return null;
  const { rows } = await db.views.page(view, { limit: 10 });
  for (const row of rows) {
    if (row.kind !== 'document') continue;
    const doc = (await db.pouch.get(row.id)) as StoredDoc;
    if (Array.isArray(doc.owner) && doc.owner[0] === db.user.name) return doc;
  }
  return null;
}

/** Follows or stops following a thread, creating the profile on first use (notices one at a time). */
export async function setFollowing(db: LocalDatabase, threadId: string, follow: boolean): Promise<SaveOutcome> {
  const profile = await myInterestProfile(db);
  const threads = Array.isArray(profile?.threads) ? profile.threads.map(String) : [];
  const next = follow ? [...new Set([...threads, threadId])] : threads.filter((id) => id !== threadId);
  const draft: Doc = profile ? { ...profile, threads: next } : { form: 'InterestProfile', owner: [db.user.name], threads: next, delivery: 'each' };
  return saveDocument(db, draft, profile);
}

import type { Doc, FieldLink } from '../../design/form.js';
import { linkValues } from '../../design/link-fill.js';
import type { LocalDatabase } from './local-database.js';

export type LinkChoice = { readonly ok: true; readonly values: Record<string, unknown> } | { readonly ok: false };

/**
 * Reads the chosen document from the local replica (so choosing works offline) and gives the
 * values the link fills in. A document gone since the search found it (deleted, or no longer
 * shared: replication removed it) or of another form is refused, so no stale id is saved.
 */
export async function chooseLinked(db: LocalDatabase, field: string, link: FieldLink, id: string): Promise<LinkChoice> {
  try {
    const source = (await db.pouch.get(id)) as Doc;
    if (typeof source.form !== 'string' || !link.forms.includes(source.form)) return { ok: false };
    return { ok: true, values: linkValues(field, link, source) };
  } catch (error) {
    if ((error as { status?: number }).status === 404) return { ok: false };
    throw error;
  }
}

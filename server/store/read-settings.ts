import { NO_SETTINGS, settingsIdsFor, type SettingsLookup } from '../../design/configured-choices.js';
import type { Doc } from '../../design/form.js';
import type { PouchDatabase } from './store.js';

/**
 * The settings documents that validating these writes reads (the CRM settings for a customer or a
 * deal), in one round trip; most writes need none and cost nothing here.
 */
export async function readSettingsFor(pouch: PouchDatabase, docs: readonly Doc[]): Promise<SettingsLookup> {
  const ids = settingsIdsFor(docs);
  if (ids.length === 0) return NO_SETTINGS;
  const { rows } = await pouch.allDocs({ keys: ids, include_docs: true });
  const found = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.id, row.doc as Doc] as const] : [])));
  return (id) => found.get(id) ?? null;
}

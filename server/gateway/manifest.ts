import { isDeepStrictEqual } from 'node:util';
import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import type { DbName } from '../../design/databases.js';
import { heldDocumentsOf } from './held-documents.js';
import { getEach, isLocalStore } from './local-store.js';

/** What one workstation holds of one document: the leaf revisions sent to it, and whether it was removed since. */
export interface ManifestEntry {
  readonly revs: readonly string[];
  readonly removed: boolean;
}

/** Reading and writing what a user's workstations hold (see Manifest). */
export interface ManifestStore {
  read(ids: readonly string[]): Promise<Map<string, ManifestEntry>>;
  /** Those of `ids` that this person has an entry for. */
  heldAmong(ids: readonly string[]): Promise<string[]>;
  write(updates: ReadonlyMap<string, ManifestEntry>): Promise<void>;
}

/** Fewer keys than this are read one by one (see existingAmong). */
const FEW_KEYS = 20;
const SURROGATE = /[\uD800-\uDFFF]/;

interface StoredEntry extends ManifestEntry {
  _id: string;
  _rev?: string;
}

/** The stored entries of these ids (absent ones undefined): see local-store.ts for why two ways. */
async function readEntries(pouch: PouchDB.Database, keys: readonly string[]): Promise<(StoredEntry | undefined)[]> {
  if (isLocalStore(pouch)) {
    const existing = await existingAmong(pouch, keys);
    const read = await getEach<StoredEntry>(pouch, existing);
    const byKey = new Map(existing.map((key, i) => [key, read[i]]));
    return keys.map((key) => byKey.get(key));
  }
  const { rows } = await pouch.allDocs({ keys: [...keys], include_docs: true });
  return rows.map((row) => ('doc' in row && row.doc ? row.doc as unknown as StoredEntry : undefined));
}

/**
 * Of these keys, those that may have an entry, found by listing the keys stored between the least
 * and the greatest of them (no bodies) where that stretch holds few, else all of them. A first
 * replica asks about a page of documents the person has no entries for yet: one short listing
 * then stands for a thousand lookups that would each miss (a missing document costs PouchDB two
 * errors). Whatever exists is read as before; a key left out is one the store does not hold.
 */
async function existingAmong(pouch: PouchDB.Database, keys: readonly string[]): Promise<readonly string[]> {
  // Keys with surrogates are each read: LevelDB orders by UTF-8 bytes, an in-memory store by UTF-16
  // units, and the two orders agree on keys without them (and so on these keys' least and greatest).
  if (keys.length < FEW_KEYS || keys.some((key) => SURROGATE.test(key))) return keys;
  let [least, greatest] = [keys[0]!, keys[0]!];
  for (const key of keys) {
    if (key < least) least = key;
    if (key > greatest) greatest = key;
  }
  const limit = 2 * keys.length;
  const { rows } = await pouch.allDocs({ startkey: least, endkey: greatest, limit: limit + 1 });
  if (rows.length > limit) return keys;
  const asked = new Set(keys);
  return rows.map((row) => row.id).filter((id) => asked.has(id));
}

/**
 * Which documents a user's workstations hold, per database, kept by the gateway in its own store
 * (shared by every server in front of the same store). Only documents listed here are ever
 * announced to the user as removed, so the ids of documents they never had are never revealed.
 */
export class Manifest implements ManifestStore {
  private readonly prefix: string;
  /** The entries as last read, so that writing them replaces their current revisions. */
  private readonly known = new Map<string, StoredEntry>();

  constructor(private readonly pouch: PouchDB.Database, db: DbName, user: string) {
    this.prefix = `${db}:${hexOfUtf8(user)}:`;
  }

  async read(ids: readonly string[]): Promise<Map<string, ManifestEntry>> {
    const entries = new Map<string, StoredEntry>();
    // Where the person's held documents are known in memory, those they never held are not asked for.
    const held = heldDocumentsOf(this.pouch).mayHold(this.prefix, ids);
    if (held.length === 0) return entries;
    for (const doc of await readEntries(this.pouch, held.map((id) => this.prefix + id))) {
      if (doc) entries.set(doc._id.slice(this.prefix.length), doc);
    }
    // Added to what is known: a read of one entry in the midst of a batch keeps the batch's revisions.
    for (const [id, entry] of entries) this.known.set(id, entry);
    return entries;
  }

  /** Those of `ids` that this person has an entry for, without reading one entry per id. */
  heldAmong(ids: readonly string[]): Promise<string[]> {
    return heldDocumentsOf(this.pouch).among(this.prefix, ids);
  }

  /**
   * Writes entries read earlier by `read` (whose revisions it remembers) or new ones; an entry that
   * says what is stored already is not written again (a feed started over rereads every document).
   */
  async write(updates: ReadonlyMap<string, ManifestEntry>): Promise<void> {
    const changed = [...updates].filter(([id, entry]) => {
      const known = this.known.get(id);
      return !known || known.removed !== entry.removed || !isDeepStrictEqual([...known.revs], [...entry.revs]);
    });
    if (changed.length === 0) return;
    const docs = changed.map(([id, entry]) => ({
      _id: this.prefix + id,
      ...(this.known.get(id)?._rev ? { _rev: this.known.get(id)!._rev } : {}),
      revs: [...entry.revs],
      removed: entry.removed,
    }));
    const results = await this.pouch.bulkDocs(docs);
    heldDocumentsOf(this.pouch).wrote(this.prefix, changed.map(([id]) => id));
    // A conflict means another sync of the same user wrote first; its entry is as good as ours.
    const failed = results.filter((r) => 'error' in r && r.error && r.status !== 409);
    if (failed.length > 0) throw new Error(`the gateway could not record what was sent: ${JSON.stringify(failed[0])}`);
  }
}

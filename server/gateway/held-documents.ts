import { isLocalStore } from './local-store.js';
import type { StoreSeq } from './since-token.js';

/** People whose held documents are kept in memory at once, the least recently asked about dropped first. */
const PEOPLE = 64;
/** Changes and manifest keys read per request. */
const BATCH = 5000;

interface Person {
  readonly ids: Set<string>;
  readonly loaded: Promise<void>;
  /** Whether `ids` has been read from the store (and kept current since). */
  readonly ready: boolean;
}

/**
 * Which documents a person's workstations hold in one database — the ids of their manifest entries
 * (stored as `<db>:<user hex>:<id>`, see Manifest) — for the people recently asked about, in
 * memory and current from the gateway store's changes feed, so that every server in front of one
 * store answers alike. It tells which of thousands of documents hidden from a person one of their
 * workstations holds without reading a manifest entry per document.
 *
 * On a store no other server writes (local-store.ts) the entries this server writes (`wrote`) keep
 * it current and the feed is not read: a partial reader's first replica wrote a hundred entries per
 * batch, which each next batch read back.
 */
export class HeldDocuments {
  /** By manifest prefix, the least recently asked about first. */
  private readonly people = new Map<string, Person>();
  private seq: StoreSeq | null = null;
  private catchingUp: Promise<void> | null = null;

  /** Whether only this process writes the store, so that no other server's entries need reading. */
  private readonly soleWriter: boolean;

  constructor(private readonly pouch: PouchDB.Database) {
    this.soleWriter = isLocalStore(pouch);
  }

  /** Entries this server has just written for the person with this manifest prefix. */
  wrote(prefix: string, ids: readonly string[]): void {
    const person = this.people.get(prefix);
    for (const id of ids) person?.ids.add(id);
  }

  /**
   * Of `ids`, those the person with this manifest prefix may hold, without reading the store: all of
   * them unless their held set is in memory and exact (a store only this server writes, see wrote).
   * It is there for a partial reader (among, at each batch of hidden documents), whose manifest
   * reads then skip the documents they never held: a first replica's entries do not exist yet.
   */
  mayHold(prefix: string, ids: readonly string[]): readonly string[] {
    const person = this.soleWriter ? this.people.get(prefix) : undefined;
    return person?.ready ? ids.filter((id) => person.ids.has(id)) : ids;
  }

  /** Those of `ids` that the person with this manifest prefix holds (whose removal they may need). */
  async among(prefix: string, ids: readonly string[]): Promise<string[]> {
    if (!this.soleWriter) await this.catchUp();
    let person = this.people.get(prefix);
    this.people.delete(prefix);
    // Registered before it loads, so that the catch-ups meanwhile add to it.
    person ??= this.load(prefix, new Set());
    this.people.set(prefix, person);
    for (const [dropped] of this.people) {
      if (this.people.size <= PEOPLE) break;
      this.people.delete(dropped);
    }
    await person.loaded;
    return ids.filter((id) => person.ids.has(id));
  }

  private load(prefix: string, ids: Set<string>): Person {
    let ready = false;
    const loaded = this.readIds(prefix, ids).then(() => {
      ready = true;
    });
    return { ids, loaded, get ready() { return ready; } };
  }

  private async readIds(prefix: string, ids: Set<string>): Promise<void> {
    // Up to the prefix's last character's successor, not `prefix\uffff`: LevelDB orders by UTF-8,
    // where an id beyond the Basic Multilingual Plane ('😀…') sorts after U+FFFF.
    const endkey = prefix.slice(0, -1) + String.fromCharCode(prefix.charCodeAt(prefix.length - 1) + 1);
    let startkey = prefix;
    for (;;) {
      const { rows } = await this.pouch.allDocs({ startkey, endkey, inclusive_end: false, limit: BATCH, skip: startkey === prefix ? 0 : 1 });
      for (const row of rows) ids.add(row.id.slice(prefix.length));
      if (rows.length < BATCH) return;
      startkey = rows[rows.length - 1]!.id;
    }
  }

  /** Reads the gateway store's changes since the last catch-up (ids only); concurrent callers share one run. */
  private async catchUp(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
    this.catchingUp = this.readFeed().finally(() => {
      this.catchingUp = null;
    });
    await this.catchingUp;
  }

  private async readFeed(): Promise<void> {
    // Whatever was written before the first question is read with each person's manifest.
    let since = this.seq ?? (await this.pouch.info()).update_seq;
    for (;;) {
      const batch: PouchDB.Core.ChangesResponse<object> = await this.pouch.changes({ since, limit: BATCH, return_docs: true });
      for (const change of batch.results) {
        const split = change.id.indexOf(':', change.id.indexOf(':') + 1);
        const person = split < 0 ? undefined : this.people.get(change.id.slice(0, split + 1));
        const id = change.id.slice(split + 1);
        if (!person) continue;
        if (change.deleted) person.ids.delete(id);
        else person.ids.add(id);
      }
      this.seq = since = batch.last_seq;
      if (batch.results.length < BATCH) return;
    }
  }
}

const indexes = new WeakMap<PouchDB.Database, HeldDocuments>();

/** The held documents of a gateway store, one per store in this process. */
export function heldDocumentsOf(pouch: PouchDB.Database): HeldDocuments {
  let held = indexes.get(pouch);
  if (!held) indexes.set(pouch, (held = new HeldDocuments(pouch)));
  return held;
}

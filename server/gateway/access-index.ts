import type { Access } from '../../design/access/acl.js';
import { canRead, names as nameList } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import type { PouchDatabase } from '../store/store.js';
import type { StoreSeq } from './since-token.js';

/** Who may read a document's winning revision: its reader and author names, shared between documents that name the same. */
interface Names {
  readonly readers: readonly string[];
  readonly authors: readonly string[];
}

/** A change as the store's changes feed lists it (`style=all_docs`). */
export interface FeedChange {
  readonly id: string;
  readonly seq: StoreSeq;
  readonly changes: readonly { rev: string }[];
  readonly deleted?: boolean;
}

/** A document's latest change as the feed lists it (a walk hands out these very objects), with who may read its winner. */
interface IndexedChange extends FeedChange {
  readonly deleted: boolean;
  /** Null for a deleted document. */
  readonly names: Names | null;
}

/** The feed since a sequence, as far as it was walked. */
export interface FeedSegment {
  readonly changes: FeedChange[];
  /** Whether the walk reached the end of the feed as the index knows it. */
  readonly end: boolean;
}

/** Changes read per request while catching up: the first build reads every winner once. */
const BATCH = 2000;
/** Accesses whose readable counts are kept current; the oldest asked goes first. */
const MAX_COUNTS = 1000;
/** Documents without reader names: anyone with Reader access reads them. */
const OPEN: Names = { readers: [], authors: [] };

/**
 * Per database, each document's latest change and who may read its winner, kept in memory beside
 * the store and current from its changes feed: built by reading the feed once when first asked,
 * then caught up with the changes since at every question. Every server in front of one store
 * derives the same index from the same feed. It lets the gateway judge a change without reading
 * the document's body, count what a person may read, and — where the store's sequences are numbers
 * (the embedded engine) — walk the feed in memory, so that documents hidden from a person cost
 * them nothing to skip.
 */
export class AccessIndex {
  /** The latest changes in feed order; a superseded change leaves a hole (null) until the log is compacted. */
  private log: (IndexedChange | null)[] = [];
  /** Each document's position in the log. */
  private positions = new Map<string, number>();
  /** The sequence of each log position, holes included: ascending when sequences are numbers. */
  private seqs: StoreSeq[] = [];
  private holes = 0;
  /** Distinct reader/author lists, so that 100,000 documents naming the same group hold one list. */
  private readonly interned = new Map<string, Names>();
  private seq: StoreSeq = 0;
  private catchingUp: Promise<void> | null = null;
  /** How many live documents (design documents aside) name each distinct list of names. */
  private readonly tally = new Map<Names, number>();
  /** The live documents, design documents aside: the sum of the tally. */
  private live = 0;
  /** Per access asked about, how many documents it may read, kept current as changes are recorded. */
  private readonly counts = new Map<string, ReadableCount>();
  /** Per access, whether it may read each list of names met so far (see mayRead). */
  private readonly judgements = new WeakMap<Access, Map<Names, boolean>>();

  constructor(private readonly pouch: PouchDatabase) {}

  /** Reads the store's changes since the last catch-up; concurrent callers share one run. */
  async catchUp(): Promise<void> {
    while (this.catchingUp) await this.catchingUp;
    this.catchingUp = this.readFeed().finally(() => {
      this.catchingUp = null;
    });
    await this.catchingUp;
  }

  /** Whether the person may read the document's winner; false for a deleted, unknown or design document. */
  mayRead(access: Access, id: string): boolean {
    const position = id.startsWith('_design/') ? undefined : this.positions.get(id);
    const names = position === undefined ? null : this.log[position]!.names;
    if (names == null) return false;
    // A partial reader's walk asks about ten hidden documents per readable one, nearly all naming
    // the same few lists: each list is judged once per access (an Access is never changed: a new
    // one comes with any change of the person's rights).
    let judged = this.judgements.get(access);
    if (!judged) this.judgements.set(access, (judged = new Map()));
    let readable = judged.get(names);
    if (readable === undefined) judged.set(names, (readable = canRead(access, names as unknown as Doc)));
    return readable;
  }

  /**
   * Whether the index's latest change of the document is this one (the same leaves): then the
   * names it holds are those of this change's winner. A change read from the store's feed may be
   * older than what the index has caught up to since.
   */
  isLatest(change: FeedChange): boolean {
    const position = this.positions.get(change.id);
    const indexed = position === undefined ? null : this.log[position];
    return !!indexed && !indexed.deleted && indexed.changes.length === change.changes.length && change.changes.every(({ rev }) => indexed.changes.some((leaf) => leaf.rev === rev));
  }

  /** The store sequence read so far, without catching up (the embedded store keeps it current after writes). */
  get reached(): StoreSeq {
    return this.seq;
  }

  /** How many live documents the person may read, after catching up. */
  async readableCount(access: Access): Promise<number> {
    await this.catchUp();
    return this.countOf(access).count;
  }

  /**
   * After catching up: the sequence the index has reached, and whether the person may read every
   * live document there. The same sequence asked again later says that nothing was written in between.
   */
  async reach(access: Access): Promise<{ readonly seq: StoreSeq; readonly readsEverything: boolean }> {
    await this.catchUp();
    return { seq: this.seq, readsEverything: this.countOf(access).count === this.live };
  }

  private countOf(access: Access): ReadableCount {
    const key = `${access.level}\n${[...access.names].sort().join('\n')}`;
    let entry = this.counts.get(key);
    if (!entry) {
      // One judgement per distinct list of names, not per document; after this, per change.
      entry = { access, count: 0, judged: new Map() };
      for (const [names, documents] of this.tally) if (judge(entry, names)) entry.count += documents;
      if (this.counts.size >= MAX_COUNTS) this.counts.delete(this.counts.keys().next().value as string);
      this.counts.set(key, entry);
    }
    return entry;
  }

  /**
   * The changes after `since` as the store's feed lists them now (call `catchUp` first), up to the
   * `wanted`-th change that `counts` accepts; null when the store's sequences cannot be ordered
   * here (Apache CouchDB's are opaque: read its feed instead).
   */
  changesSince(since: StoreSeq, wanted: number, counts: (change: FeedChange) => boolean): FeedSegment | null {
    if (typeof since !== 'number' || typeof this.seq !== 'number') return null;
    const changes: FeedChange[] = [];
    let counted = 0;
    for (let i = firstAfter(this.seqs as number[], since); i < this.log.length; i++) {
      const indexed = this.log[i];
      if (!indexed) continue;
      changes.push(indexed);
      if (counts(indexed) && ++counted >= wanted) return { changes, end: false };
    }
    return { changes, end: true };
  }

  private async readFeed(): Promise<void> {
    // Where sequences are numbers (the embedded engine, whose info is in memory), an unchanged store
    // is not read: 50 live workstations woken by one write ask 50 times in a row.
    const { update_seq: head } = await this.pouch.info();
    if (typeof head === 'number' && head === this.seq) return;
    for (;;) {
      const batch = await this.pouch.changes({ since: this.seq, limit: BATCH, include_docs: true, style: 'all_docs', return_docs: true });
      if (batch.results.length === 0) return;
      for (const change of batch.results) this.record(change);
      this.seq = batch.last_seq;
      this.compact();
      if (batch.results.length < BATCH) return;
    }
  }

  private record(change: PouchDB.Core.ChangesResponseChange<object>): void {
    const deleted = change.deleted === true;
    const entry: IndexedChange = { id: change.id, seq: change.seq, changes: change.changes.map(({ rev }) => ({ rev })), deleted, names: deleted || !change.doc ? null : this.intern(change.doc as Doc) };
    const before = this.positions.get(change.id);
    if (before !== undefined) {
      this.count(this.log[before]!, -1);
      this.log[before] = null;
      this.holes++;
    }
    this.count(entry, 1);
    this.positions.set(change.id, this.log.length);
    this.log.push(entry);
    this.seqs.push(change.seq);
  }

  /** Adds a document's change to the counts (`by` 1), or takes its superseded change away (-1). */
  private count({ id, names }: IndexedChange, by: 1 | -1): void {
    if (!names || id.startsWith('_design/')) return;
    this.live += by;
    const documents = (this.tally.get(names) ?? 0) + by;
    if (documents === 0) this.tally.delete(names);
    else this.tally.set(names, documents);
    for (const entry of this.counts.values()) if (judge(entry, names)) entry.count += by;
  }

  /** Drops the holes once they are half the log. */
  private compact(): void {
    if (this.holes * 2 < this.log.length) return;
    this.log = this.log.filter((change) => change !== null);
    this.seqs = this.log.map((change) => change!.seq);
    this.positions = new Map(this.log.map((change, i) => [change!.id, i]));
    this.holes = 0;
  }

  private intern(doc: Doc): Names {
    const readers = nameList(doc.readers);
    if (readers.length === 0) return OPEN;
    const authors = nameList(doc.authors);
    const key = JSON.stringify([readers, authors]);
    let names = this.interned.get(key);
    if (!names) this.interned.set(key, (names = { readers, authors }));
    return names;
  }
}

/** What one access may read, and its judgement of each list of names met so far. */
interface ReadableCount {
  readonly access: Access;
  count: number;
  readonly judged: Map<Names, boolean>;
}

function judge({ access, judged }: ReadableCount, names: Names): boolean {
  let readable = judged.get(names);
  if (readable === undefined) judged.set(names, (readable = canRead(access, names as unknown as Doc)));
  return readable;
}

/** The first position whose sequence is after `since`, in ascending `seqs`. */
function firstAfter(seqs: readonly number[], since: number): number {
  let [low, high] = [0, seqs.length];
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (seqs[middle]! <= since) low = middle + 1;
    else high = middle;
  }
  return low;
}

const indexes = new WeakMap<PouchDatabase, AccessIndex>();

/** The access index of a store's database, one per database in this process. */
export function accessIndexOf(pouch: PouchDatabase): AccessIndex {
  let index = indexes.get(pouch);
  if (!index) indexes.set(pouch, (index = new AccessIndex(pouch)));
  return index;
}

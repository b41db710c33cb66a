import type { Access } from '../../design/access/acl.js';
import { canRead, names as nameList } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import type { PouchDatabase } from '../store/store.js';

/** Who may read a document's winning revision: its reader and author names, shared between documents that name the same. */
interface Names {
  readonly readers: readonly string[];
  readonly authors: readonly string[];
}

/** Changes read per request while catching up: the first build reads every winner once. */
const BATCH = 2000;
/** Documents without reader names: anyone with Reader access reads them. */
const OPEN: Names = { readers: [], authors: [] };

/**
 * Per database, document id → who may read its winner (nothing for a deleted one), kept in
 * memory beside the store and current from its changes feed: built by reading the feed once when
 * first asked, then caught up with the changes since at every question. Every server in front of
 * one store derives the same index from the same feed. It lets the gateway judge a change without
 * reading the document's body, and count what a person may read.
 */
export class AccessIndex {
  private readonly live = new Map<string, Names>();
  /** Distinct reader/author lists, so that 100,000 documents naming the same group hold one list. */
  private readonly interned = new Map<string, Names>();
  private seq: number | string = 0;
  private catchingUp: Promise<void> | null = null;
  /** The last count per access, valid while the index is at the same sequence. */
  private counts = new Map<string, number>();

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
    const names = id.startsWith('_design/') ? undefined : this.live.get(id);
    return names !== undefined && canRead(access, names as unknown as Doc);
  }

  /** How many live documents the person may read, after catching up. */
  async readableCount(access: Access): Promise<number> {
    await this.catchUp();
    const key = `${access.level}\n${[...access.names].sort().join('\n')}`;
    let count = this.counts.get(key);
    if (count === undefined) {
      // One judgement per distinct list of names, not per document.
      const judged = new Map<Names, boolean>();
      count = 0;
      for (const [id, names] of this.live) {
        if (id.startsWith('_design/')) continue;
        let readable = judged.get(names);
        if (readable === undefined) judged.set(names, (readable = canRead(access, names as unknown as Doc)));
        if (readable) count++;
      }
      this.counts.set(key, count);
    }
    return count;
  }

  private async readFeed(): Promise<void> {
    for (;;) {
      const batch = await this.pouch.changes({ since: this.seq, limit: BATCH, include_docs: true, return_docs: true });
      if (batch.results.length === 0) return;
      for (const change of batch.results) {
        if (change.deleted || !change.doc) this.live.delete(change.id);
        else this.live.set(change.id, this.intern(change.doc as Doc));
      }
      this.seq = batch.last_seq;
      this.counts = new Map();
      if (batch.results.length < BATCH) return;
    }
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

const indexes = new WeakMap<PouchDatabase, AccessIndex>();

/** The access index of a store's database, one per database in this process. */
export function accessIndexOf(pouch: PouchDatabase): AccessIndex {
  let index = indexes.get(pouch);
  if (!index) indexes.set(pouch, (index = new AccessIndex(pouch)));
  return index;
}

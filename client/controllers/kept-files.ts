import type { FileOnServer } from '../../design/replication-settings.js';
import { Observable } from './observable.js';
import { Pouch } from './pouch.js';
import { readStored, userKey, writeStored } from './user-storage.js';

/** A file pinned by the person: a document's file by name. */
interface PinnedFile {
  readonly id: string;
  readonly name: string;
}

type FileDoc = { _id: string; _rev?: string; _attachments?: Record<string, { length?: number }> };

/** The one attachment name of a kept file's document. */
const CONTENT = 'content';

/**
 * Files the replication settings leave on the server that this workstation keeps anyway: those the
 * person pinned, and those within a file size raised after their documents came (the replica's own
 * revision of a document cannot take them: it is the server's, and the browser's PouchDB has no
 * purge). They live in a PouchDB of their own beside the replica, one document per file named by
 * the server's digest, and open offline.
 */
export class KeptFiles {
  /** The digests kept here, with their sizes: elements follow it. */
  readonly held = new Observable<ReadonlyMap<string, number>>(new Map());
  private readonly store: PouchDB.Database<FileDoc>;
  private readonly pinsKey: string;
  private running: Promise<void> = Promise.resolve();

  constructor(replica: string, userName: string, dbName: string) {
    // Compacted as it goes: a file let go frees its space at once.
    this.store = new Pouch(keptFilesName(replica), { adapter: 'idb', auto_compaction: true });
    this.pinsKey = `guanxi.pinnedFiles.${userKey(userName)}.${dbName}`;
  }

  async open(): Promise<void> {
    const { rows } = await this.store.allDocs({ include_docs: true });
    this.held.set(new Map(rows.map((row) => [row.id, row.doc?._attachments?.[CONTENT]?.length ?? 0])));
  }

  get bytes(): number {
    return [...this.held.value.values()].reduce((n, size) => n + size, 0);
  }

  has(digest: string | undefined): boolean {
    return digest !== undefined && this.held.value.has(digest);
  }

  /** A kept file's content; null when it is not kept. */
  async content(digest: string | undefined): Promise<Blob | null> {
    if (!this.has(digest)) return null;
    return (await this.store.getAttachment(digest!, CONTENT).catch(() => null)) as Blob | null;
  }

  isPinned(id: string, name: string): boolean {
    return this.pins().some((pin) => pin.id === id && pin.name === name);
  }

  /** Keeps this file whatever the settings say; brought by the next `keepWanted`. */
  pin(id: string, name: string): void {
    if (!this.isPinned(id, name)) writeStored(this.pinsKey, [...this.pins(), { id, name }]);
  }

  /** Lets it go: the next `keepWanted` drops it unless the file size keeps it. */
  unpin(id: string, name: string): void {
    writeStored(this.pinsKey, this.pins().filter((pin) => pin.id !== id || pin.name !== name));
  }

  /**
   * Brings the files wanted here that are not yet (pinned, or within `upTo` bytes: null is every
   * file) and drops those no longer wanted, of the documents the replica holds with files left on
   * the server. One run at a time; a file the server does not give (offline, gone) is tried again
   * at the next run.
   */
  keepWanted(onServer: ReadonlyMap<string, Record<string, FileOnServer>>, upTo: number | null, fetchFile: (id: string, name: string) => Promise<Blob | null>): Promise<void> {
    this.running = this.running.catch(() => undefined).then(() => this.bringAndDrop(onServer, upTo, fetchFile));
    return this.running;
  }

  private async bringAndDrop(onServer: ReadonlyMap<string, Record<string, FileOnServer>>, upTo: number | null, fetchFile: (id: string, name: string) => Promise<Blob | null>): Promise<void> {
    const wanted = new Map<string, PinnedFile>();
    for (const [id, files] of onServer) {
      for (const [name, file] of Object.entries(files)) {
        const withinSize = upTo === null || (file.length !== undefined && file.length <= upTo);
        if (file.digest && (withinSize || this.isPinned(id, name))) wanted.set(file.digest, { id, name });
      }
    }
    for (const digest of this.held.value.keys()) {
      if (!wanted.has(digest)) await this.drop(digest);
    }
    for (const [digest, { id, name }] of wanted) {
      if (this.has(digest)) continue;
      const blob = await fetchFile(id, name).catch(() => null);
      if (blob) await this.keep(digest, blob);
    }
  }

  private async keep(digest: string, blob: Blob): Promise<void> {
    await this.store.put({ _id: digest, _attachments: { [CONTENT]: { content_type: blob.type || 'application/octet-stream', data: blob } } } as never);
    this.held.set(new Map([...this.held.value, [digest, blob.size]]));
  }

  private async drop(digest: string): Promise<void> {
    const doc = await this.store.get(digest).catch(() => null);
    if (doc) await this.store.remove(doc as PouchDB.Core.RemoveDocument);
    const next = new Map(this.held.value);
    next.delete(digest);
    this.held.set(next);
  }

  private pins(): PinnedFile[] {
    return readStored<PinnedFile[]>(this.pinsKey, []);
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** Where a replica's kept files live (destroyed with it when space is freed). */
export function keptFilesName(replica: string): string {
  return `${replica}-files`;
}

/** A file as the server holds it, through the replication endpoint (the person's rights apply). */
export async function fileFromServer(dbName: string, id: string, name: string): Promise<Blob | null> {
  const response = await fetch(`/sync/${dbName}/${encodeURIComponent(id)}/${encodeURIComponent(name)}`, { credentials: 'same-origin' });
  return response.ok ? response.blob() : null;
}

import { filesOnServer, type FileOnServer } from '../../design/replication-settings.js';
import type { StoredDoc } from './pouch.js';

const MEASURE_BATCH = 500;

/**
 * What a replica holds, as its documents say, kept current as they change: the files each
 * document left on the server, and an estimate of its size (each document's JSON in UTF-8 and its
 * files' lengths; the browser's own overhead is not known per database). The size is measured the
 * first time it is asked (the replica page), not when the replica opens: that stays quick.
 */
export class ReplicaHoldings {
  /** Files left on the server, by the id of the document that lists them. */
  readonly filesOnServer = new Map<string, Record<string, FileOnServer>>();
  /** Each document's size, once measuring has begun; null before. */
  private sizes: Map<string, number> | null = null;
  private total = 0;
  private measured: Promise<void> | null = null;

  constructor(private readonly pouch: PouchDB.Database<Record<string, unknown>>) {}

  /** Bytes of the documents held and their files, estimated. */
  async bytes(): Promise<number> {
    this.measured ??= this.measure();
    await this.measured;
    return this.total;
  }

  /** A document as the replica now holds it; undefined when it no longer does. */
  note(id: string, doc: StoredDoc | undefined): void {
    this.filesOnServer.delete(id);
    const onServer = doc ? filesOnServer(doc) : {};
    if (Object.keys(onServer).length > 0) this.filesOnServer.set(id, onServer);
    if (this.sizes) this.setSize(id, doc ? sizeOf(doc) : undefined);
  }

  private async measure(): Promise<void> {
    // From now on `note` keeps the sizes current; a change noted while the scan runs is newer than it.
    const sizes = (this.sizes = new Map());
    let startkey: string | undefined;
    for (;;) {
      const { rows } = await this.pouch.allDocs({ include_docs: true, limit: MEASURE_BATCH, ...(startkey ? { startkey, skip: 1 } : {}) });
      for (const row of rows) {
        if (row.doc && !row.id.startsWith('_design/') && !sizes.has(row.id)) this.setSize(row.id, sizeOf(row.doc as StoredDoc));
      }
      if (rows.length < MEASURE_BATCH) break;
      startkey = rows[rows.length - 1]!.id;
    }
  }

  private setSize(id: string, size: number | undefined): void {
    const sizes = this.sizes!;
    this.total += (size ?? 0) - (sizes.get(id) ?? 0);
    if (size === undefined) sizes.delete(id);
    else sizes.set(id, size);
  }
}

function sizeOf(doc: StoredDoc): number {
  const files = (doc._attachments ?? {}) as Record<string, { length?: number }>;
  return utf8Length(JSON.stringify(doc)) + Object.values(files).reduce((n, file) => n + (file.length ?? 0), 0);
}

/** UTF-8 bytes of a string, without encoding it. */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

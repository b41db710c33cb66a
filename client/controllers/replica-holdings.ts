import { filesOnServer, type FileOnServer } from '../../design/replication-settings.js';
import type { StoredDoc } from './pouch.js';

/**
 * What a replica holds, as its documents say, kept current as they change: an estimate of its size
 * (each document's JSON in UTF-8 and its files' lengths; the browser's own overhead is not known
 * per database) and the files each document left on the server.
 */
export class ReplicaHoldings {
  /** Files left on the server, by the id of the document that lists them. */
  readonly filesOnServer = new Map<string, Record<string, FileOnServer>>();
  private readonly sizes = new Map<string, number>();
  private total = 0;

  /** Bytes of the documents held and their files, estimated. */
  get bytes(): number {
    return this.total;
  }

  /** A document as the replica now holds it; undefined when it no longer does. */
  note(id: string, doc: StoredDoc | undefined): void {
    this.total -= this.sizes.get(id) ?? 0;
    this.sizes.delete(id);
    this.filesOnServer.delete(id);
    if (!doc) return;
    const size = sizeOf(doc);
    this.sizes.set(id, size);
    this.total += size;
    const onServer = filesOnServer(doc);
    if (Object.keys(onServer).length > 0) this.filesOnServer.set(id, onServer);
  }
}

function sizeOf(doc: StoredDoc): number {
  const files = (doc._attachments ?? {}) as Record<string, { length?: number }>;
  return utf8Length(JSON.stringify(doc)) + Object.values(files).reduce((n, file) => n + (file.length ?? 0), 0);
}

/** UTF-8 bytes of a string, without encoding it (a reply of 100,000 documents is counted at open). */
function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    // A surrogate pair is 4 bytes: 2 for each half.
    bytes += code < 0x80 ? 1 : code < 0x800 || (code >= 0xd800 && code <= 0xdfff) ? 2 : 3;
  }
  return bytes;
}

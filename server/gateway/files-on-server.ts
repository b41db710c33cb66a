import type { Doc } from '../../design/form.js';
import { FILES_ON_SERVER, filesOnServer, type FileOnServer } from '../../design/replication-settings.js';

type Files = Record<string, Record<string, unknown>>;

/**
 * A document as a workstation that keeps files up to `upTo` bytes receives it: larger files are
 * left out and listed in `$filesOnServer` (name, type, size, digest), so the workstation shows them
 * and fetches one when asked. The revision is the server's: the workstation's copy is a summary of it.
 */
export function withoutLargeFiles<T>(doc: T, upTo: number | null): T {
  const files = (doc as { _attachments?: Files } | null)?._attachments;
  if (upTo === null || !files) return doc;
  const large = Object.entries(files).filter(([, file]) => sizeOf(file) > upTo);
  if (large.length === 0) return doc;
  const kept = Object.fromEntries(Object.entries(files).filter(([, file]) => sizeOf(file) <= upTo));
  const { _attachments: _all, ...rest } = doc as Record<string, unknown>;
  const onServer: Record<string, FileOnServer> = Object.fromEntries(large.map(([name, file]) => [name, {
    ...(typeof file.content_type === 'string' ? { content_type: file.content_type } : {}),
    length: sizeOf(file),
    ...(typeof file.digest === 'string' ? { digest: file.digest } : {}),
  }]));
  return { ...rest, ...(Object.keys(kept).length > 0 ? { _attachments: kept } : {}), [FILES_ON_SERVER]: onServer } as T;
}

/**
 * What is stored of a write from a workstation that was sent the document without some files: each
 * file it lists as on the server, and does not send, is kept as the current revision has it (a stub
 * of the server's own file, never one the writer names). The list itself is never stored.
 */
export function keepFilesOnServer(doc: Doc, current: Doc | null | undefined): Doc {
  if (!(FILES_ON_SERVER in doc)) return doc;
  const { [FILES_ON_SERVER]: _listed, ...rest } = doc;
  const before = current?._attachments as Files | undefined;
  if (doc._deleted || !before) return rest;
  const files = { ...(doc._attachments as Files | undefined) };
  for (const name of Object.keys(filesOnServer(doc))) {
    const file = before[name];
    if (files[name] !== undefined || !file) continue;
    const { data: _data, ...stub } = file;
    files[name] = { ...stub, stub: true };
  }
  return Object.keys(files).length > 0 ? { ...rest, _attachments: files } : rest;
}

/** The `x-guanxi-files-up-to` header's bytes; null (every file) when absent or not a size. */
export function filesUpToOf(header: string | undefined): number | null {
  if (header === undefined || header.trim() === '') return null;
  const bytes = Number(header);
  return Number.isSafeInteger(bytes) && bytes >= 0 ? bytes : null;
}

function sizeOf(file: Record<string, unknown>): number {
  if (typeof file.length === 'number') return file.length;
  return typeof file.data === 'string' ? Math.floor(file.data.length * 3 / 4) : 0;
}

import { attachmentSize, attachmentsOf, type AttachmentEntry } from '../../design/attachment-rules.js';
import type { Doc } from '../../design/form.js';
import { filesOnServer } from '../../design/replication-settings.js';
import { fileFromServer } from './kept-files.js';
import type { LocalDatabase } from './local-database.js';

/** One file of a document as the workstation lists it. */
export interface DocumentFile {
  readonly name: string;
  readonly type: string;
  readonly size: number | null;
  /** Left on the server by the replication settings: fetched when asked for. */
  readonly onServer: boolean;
  /** The server's digest of a file left there: how this workstation keeps it anyway (kept-files.ts). */
  readonly digest?: string;
}

type Attachments = Record<string, AttachmentEntry>;

/** The document's files, by name in Chinese order (拼音), as stored or as being edited, with those left on the server. */
export function filesOf(doc: Doc): DocumentFile[] {
  const held = attachmentsOf(doc);
  const onServer = Object.entries(filesOnServer(doc)).filter(([name]) => !(name in held))
    .map(([name, file]) => ({ name, type: file.content_type ?? '', size: file.length ?? null, onServer: true, ...(file.digest ? { digest: file.digest } : {}) }));
  return [...Object.entries(held).map(([name, entry]) => ({ name, type: entry.content_type ?? '', size: attachmentSize(entry), onServer: false })), ...onServer]
    .sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * The files with these added: their content goes into the next local save as PouchDB attachments
 * (a Blob each), so they replicate like the rest of the document, offline too. A file of the same
 * name replaces the one before, as on a disk.
 */
export function withFilesAdded(doc: Doc, files: readonly File[]): Attachments | undefined {
  const next: Attachments = { ...attachmentsOf(doc) };
  for (const file of files) next[file.name] = { content_type: file.type || 'application/octet-stream', data: file };
  return Object.keys(next).length > 0 ? next : undefined;
}

/** The files without this one; undefined when none is left (the item goes). */
export function withFileRemoved(doc: Doc, name: string): Attachments | undefined {
  const next: Attachments = { ...attachmentsOf(doc) };
  delete next[name];
  return Object.keys(next).length > 0 ? next : undefined;
}

/**
 * A file's content from the local replica (works offline): a file added in this edit is its own
 * Blob; a stored one is read from the revision shown. One the replica does not hold (left on the
 * server by the settings, or of a document shown from the server) is read from the files kept
 * here, else downloaded from the gateway while a session is open. Null when none has it.
 */
export async function fileContent(db: LocalDatabase, doc: Doc, name: string): Promise<Blob | null> {
  const entry = attachmentsOf(doc)[name];
  if (entry?.data instanceof Blob) return entry.data;
  if (!doc._id) return null;
  try {
    const options = doc._rev ? { rev: doc._rev } : {};
    return (await db.pouch.getAttachment(doc._id, name, options)) as Blob;
  } catch (error) {
    if ((error as { status?: number }).status !== 404) throw error;
  }
  const kept = await db.keptFiles.content(filesOnServer(doc)[name]?.digest);
  if (kept) return kept;
  return db.serverOpen ? fileFromServer(db.name, doc._id, name) : null;
}

/**
 * The person's file changes (added, replaced, removed since `base`) applied to the files of
 * `latest`, so that a file a colleague added meanwhile is kept. An entry the person left alone is
 * the very object of `base` (drafts copy entries, never rebuild them).
 */
export function rebaseFiles(draft: Doc, base: Doc, latest: Doc): Attachments | undefined {
  const mine = attachmentsOf(draft);
  const before = attachmentsOf(base);
  const out: Attachments = { ...attachmentsOf(latest) };
  for (const name of new Set([...Object.keys(mine), ...Object.keys(before)])) {
    if (mine[name] === before[name]) continue;
    if (mine[name] === undefined) delete out[name];
    else out[name] = mine[name];
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

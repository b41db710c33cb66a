import { attachmentNameProblem } from '../../design/attachment-rules.js';
import type { Doc } from '../../design/form.js';

/**
 * A document as the gateway sends it: without the files whose names the rule refuses, stored
 * before the rule existed (`../../../../etc/passwd`). A stock PouchDB replica would ask for such a
 * file at a URL that collapses to another path, fail, and stop every reader's pull; left out, the
 * document replicates and the file stays on the server for an administrator to rename.
 */
export function withoutUnsafeFiles<T>(doc: T): T {
  const files = (doc as { _attachments?: unknown } | null)?._attachments;
  if (files === null || typeof files !== 'object') return doc;
  const names = Object.keys(files);
  if (names.every((name) => attachmentNameProblem(name) === null)) return doc;
  const kept = Object.fromEntries(Object.entries(files).filter(([name]) => attachmentNameProblem(name) === null));
  const { _attachments: _dropped, ...rest } = doc as Record<string, unknown>;
  return (Object.keys(kept).length > 0 ? { ...rest, _attachments: kept } : rest) as T;
}

/**
 * What is stored of an edit sent by someone who was never sent those files: the current
 * revision's unsafe-named files are kept, as stubs, so that editing the document does not lose them.
 */
export function keepUnsafeFiles(doc: Doc, current: Doc | null | undefined): Doc {
  const before = current?._attachments as Record<string, Record<string, unknown>> | undefined;
  if (doc._deleted || !before) return doc;
  const hidden = Object.entries(before).filter(([name]) => attachmentNameProblem(name) !== null);
  if (hidden.length === 0) return doc;
  const files = { ...(doc._attachments as Record<string, unknown> | undefined) };
  for (const [name, file] of hidden) {
    if (files[name] !== undefined) continue;
    const { data: _data, ...stub } = file;
    files[name] = { ...stub, stub: true };
  }
  return { ...doc, _attachments: files };
}

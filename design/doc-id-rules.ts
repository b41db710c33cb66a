/**
 * The one rule for document ids, on every path that writes (the server's saves, the sync gateway,
 * import): ASCII letters, digits and `. _ : @ + -`, starting with a letter or digit, at most 200.
 * ASCII because ids break ties in view order and CouchDB compares them byte by byte; nothing that
 * breaks a URL (`/`), a header or a log line (CR, LF, NUL), or reads backwards (U+202E).
 */
const DOC_ID = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,199}$/;

export const MAX_DOC_ID_LENGTH = 200;

/** Why `id` may not name a document a person writes, or null when it may. */
export function docIdProblem(id: unknown): string | null {
  if (typeof id !== 'string' || id === '') return 'Document id must be a non-empty string';
  if (id.startsWith('_')) return `Only the server may write reserved ids such as ${JSON.stringify(id.slice(0, 40))}`;
  if (!DOC_ID.test(id)) {
    const shown = id.length > 60 ? `${JSON.stringify(id.slice(0, 60))}… (${id.length} characters)` : JSON.stringify(id);
    return `Document id ${shown} may contain only letters, digits and . _ : @ + - (at most ${MAX_DOC_ID_LENGTH})`;
  }
  return null;
}

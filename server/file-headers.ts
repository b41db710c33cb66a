import type { Response } from 'express';

/** Passive types a browser may show in its own viewer: nothing in them runs. */
const SHOWN_INLINE = new Set(['application/pdf', 'image/png', 'image/jpeg', 'image/gif', 'image/webp', 'image/avif', 'image/bmp']);
/** `type/subtype` with parameters, printable ASCII only: anything else is sent as bytes. */
const MEDIA_TYPE = /^[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.+-]+(\s*;[\x20-\x7e]*)?$/i;

/**
 * Headers of every file Guanxi sends (a document's attachment, a printout, an export): the file
 * is never run on Guanxi's own origin. HTML or SVG someone attached is downloaded, not shown; even
 * opened, it is sandboxed (no script, an origin of its own) and its type is never guessed.
 */
export function setFileHeaders(res: Response, type: string | undefined, filename: string): void {
  const media = type !== undefined && MEDIA_TYPE.test(type) ? type : 'application/octet-stream';
  const shown = SHOWN_INLINE.has(media.split(';')[0]!.trim().toLowerCase());
  res.set({
    'Content-Type': media,
    'Content-Disposition': `${shown ? 'inline' : 'attachment'}; ${filenameParameters(filename)}`,
    'X-Content-Type-Options': 'nosniff',
    'Content-Security-Policy': 'sandbox',
  });
}

/** RFC 6266: a plain ASCII `filename` for old clients and the exact name, UTF-8, in `filename*`. */
function filenameParameters(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]|["\\%]/g, '_');
  const exact = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return ascii === name ? `filename="${name}"` : `filename="${ascii}"; filename*=UTF-8''${exact}`;
}

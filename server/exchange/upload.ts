import express, { type Request, type RequestHandler } from 'express';
import multer from 'multer';
import { createError } from '../../engine/errors.js';

export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

/** A file sent to the server, and the form fields (or query parameters) that came with it. */
export interface Upload {
  readonly bytes: Uint8Array;
  readonly filename: string;
  readonly fields: Readonly<Record<string, string>>;
}

const multipart = multer({
  storage: multer.memoryStorage(),
  limits: { fileSize: UPLOAD_LIMIT_BYTES, files: 1 },
  // Browsers send file names in UTF-8: 客户名单.csv, not its Latin-1 reading.
  defParamCharset: 'utf8',
}).single('file');
const raw = express.raw({ type: () => true, limit: UPLOAD_LIMIT_BYTES });

/**
 * Accepts a file either as multipart/form-data (a field `file`, as a browser form sends it) or as
 * the raw request body with its name in `?filename=` or an `X-Filename` header (URI-encoded), as
 * scripts send it. Either way the bytes stay in memory: an import is read whole before it is saved.
 */
export const receiveUpload: RequestHandler = (req, res, next) => {
  const handler = req.is('multipart/form-data') ? multipart : raw;
  handler(req, res, (error?: unknown) => {
    if (error instanceof multer.MulterError) {
      next(error.code === 'LIMIT_FILE_SIZE'
        ? createError('too_large', `The file is larger than ${UPLOAD_LIMIT_BYTES / 1024 / 1024} MB`)
        : createError('bad_request', `The upload is malformed: ${error.message}`));
    } else {
      next(error);
    }
  });
};

/** What `receiveUpload` took in. */
export function uploadOf(req: Request): Upload {
  const query = Object.fromEntries(Object.entries(req.query).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  if (req.file) {
    const fields = { ...query, ...(req.body as Record<string, string>) };
    return { bytes: bytesOf(req.file.buffer), filename: req.file.originalname, fields };
  }
  const header = req.get('x-filename');
  const filename = query.filename ?? (header === undefined ? undefined : decodedHeader(header));
  if (!filename) throw createError('bad_request', 'Send the file as multipart/form-data (field "file"), or as the body with ?filename= or an X-Filename header');
  if (!Buffer.isBuffer(req.body)) throw createError('bad_request', 'The request has no file');
  return { bytes: bytesOf(req.body), filename, fields: query };
}

function decodedHeader(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    throw createError('bad_request', 'X-Filename must be URI-encoded (encodeURIComponent)');
  }
}

/** The same memory as a plain Uint8Array (the store's PouchDB typings make Buffer a type of its own). */
function bytesOf(buffer: Buffer): Uint8Array {
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

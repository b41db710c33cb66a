import iconv from 'iconv-lite';
import { createError } from '../../engine/errors.js';

export interface DecodedText {
  readonly text: string;
  /** What the bytes were read as: `utf-8`, `utf-8-bom`, `utf-16le`, `utf-16be`, `gb18030`, or the encoding asked for. */
  readonly encoding: string;
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A text file as people really have them: UTF-8 with or without a byte-order mark, UTF-16 with
 * one (Excel's "Unicode text"), or GB18030, what Excel in China writes (a superset of GBK and
 * GB2312). Without a byte-order mark, bytes that are valid UTF-8 are UTF-8: Chinese text in GBK
 * is almost never valid UTF-8, while the reverse guess would garble every UTF-8 file.
 */
export function decodeText(bytes: Uint8Array, encoding?: string): DecodedText {
  if (encoding !== undefined && encoding !== '' && encoding.toLowerCase() !== 'auto') return decodeAs(bytes, encoding);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: strictUtf8Text(bytes.subarray(3), 'UTF-8 (with byte-order mark)'), encoding: 'utf-8-bom' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16le'), encoding: 'utf-16le' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: iconv.decode(Buffer.from(bytes.subarray(2)), 'utf-16be'), encoding: 'utf-16be' };
  if (bytes.includes(0)) {
    throw createError('bad_request', 'The file holds NUL bytes: it is not a text file, or it is UTF-16 without a byte-order mark; save it as CSV (UTF-8) and try again');
  }
  try {
    return { text: strictUtf8.decode(bytes), encoding: 'utf-8' };
  } catch {
    const text = iconv.decode(Buffer.from(bytes), 'gb18030');
    // GB18030 maps every well-formed byte sequence, so a replacement character means neither fits.
    if (text.includes('\ufffd')) throw createError('bad_request', 'The file is neither UTF-8 nor GBK/GB18030; name its encoding (for example big5 or shift_jis) and try again');
    return { text, encoding: 'gb18030' };
  }
}

function decodeAs(bytes: Uint8Array, encoding: string): DecodedText {
  if (!iconv.encodingExists(encoding)) throw createError('bad_request', `Unknown encoding ${JSON.stringify(encoding)}; try utf-8, gb18030, gbk, big5 or utf-16le`);
  return { text: iconv.decode(Buffer.from(bytes), encoding), encoding: encoding.toLowerCase() };
}

function strictUtf8Text(bytes: Uint8Array, what: string): string {
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw createError('bad_request', `The file says it is ${what} but holds bytes that are not UTF-8; save it again as UTF-8`);
  }
}

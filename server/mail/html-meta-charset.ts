import { Joiner, Rewriter, Splitter, type MimeNode } from '@zone-eu/mailsplit';
import iconv from 'iconv-lite';
import { Readable } from 'node:stream';
import { buffer } from 'node:stream/consumers';

/** `<meta charset=gbk>` or `<meta http-equiv="Content-Type" content="text/html; charset=gb2312">`. */
const META_CHARSET = /<meta\b[^>]*?\bcharset\s*=\s*["']?([\w.:-]+)/i;

/** The charset an HTML document declares for itself, when iconv-lite can decode it and it is not UTF-8. */
export function declaredHtmlCharset(html: string): string | undefined {
  const charset = META_CHARSET.exec(html)?.[1]?.toLowerCase();
  if (!charset || /^utf-?8$|^(us-)?ascii$/.test(charset) || !iconv.encodingExists(charset)) return undefined;
  return charset;
}

/**
 * Some Chinese clients send an HTML part whose Content-Type names no charset and whose GBK bytes
 * are declared only by the document's own `<meta>`; a MIME parser reads such a part as UTF-8 and
 * loses the text. This copies the meta charset into the part's Content-Type, bytes untouched, so
 * the parser decodes the part as the sender wrote it.
 */
export async function withHtmlMetaCharsets(raw: Buffer): Promise<Buffer> {
  const rewriter = new Rewriter((node: MimeNode) => node.contentType === 'text/html' && !node.charset);
  rewriter.on('node', ({ node, decoder, encoder }) => {
    buffer(decoder).then((body) => {
      const charset = declaredHtmlCharset(body.subarray(0, 4096).toString('latin1'));
      if (charset) node.setCharset(charset);
      encoder.end(body);
    }, (error: unknown) => encoder.destroy(error as Error));
  });
  return buffer(Readable.from([raw]).pipe(new Splitter()).pipe(rewriter).pipe(new Joiner()));
}

import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CJK } from './wrap-text.js';

/**
 * Noto Sans Hans (the CN cut of Source Han Sans / Noto Sans CJK: 30,000 glyphs, all of CJK Unified
 * Ideographs and Extension A, Latin, Cyrillic, Greek, kana and full-width forms) as whole OTF files
 * from the `@embedpdf/fonts-sc` package, so `npm install` brings it and no system font is needed.
 * pdfkit embeds only the glyphs a document uses. It has no Hangul: Korean text prints as boxes.
 */
// The package exports only its index (dist/index.js), which lists the files in ../fonts.
const fontsDir = join(dirname(fileURLToPath(import.meta.resolve('@embedpdf/fonts-sc'))), '..', 'fonts');

export const FONT_REGULAR = 'NotoSansHans-Regular';
export const FONT_BOLD = 'NotoSansHans-Bold';
/** Ideographs sit in an em box from 0.88 em above the baseline to 0.12 em below: a line of text starts this far above its baseline. */
export const EM_ASCENT = 0.88;

const loaded = new Map<string, Buffer>();

/** The font file's bytes, read once per process: pdfkit parses a buffer it is given instead of reading the file per document. */
function fontBytes(name: string): Buffer {
  let bytes = loaded.get(name);
  if (!bytes) loaded.set(name, (bytes = readFileSync(join(fontsDir, `${name}.otf`))));
  return bytes;
}

/** Registers the fonts under their own names on a pdfkit document. */
export function registerCjkFonts(doc: PDFKit.PDFDocument, names: readonly string[] = [FONT_REGULAR]): void {
  for (const name of names) doc.registerFont(name, fontBytes(name));
}

const HAS_CJK = new RegExp(`[${CJK}]`, 'u');

/**
 * One line of text in the current font and size, `baseline` points from the top of the page.
 * A CN font draws ‘ ’ “ ” full-width, as Chinese text wants them; a line with no Chinese or
 * Japanese in it asks for the proportional forms instead, so that O’Brien has no gap.
 */
export function drawLine(doc: PDFKit.PDFDocument, text: string, x: number, baseline: number): void {
  doc.text(text, x, baseline, { lineBreak: false, baseline: 'alphabetic', ...(HAS_CJK.test(text) ? {} : { features: ['pwid'] }) });
}

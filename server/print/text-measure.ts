import type { Measure } from './wrap-text.js';

const advances = new Map<string, Map<string, number>>();

/**
 * Widths at 1 pt in a registered font, summed character by character from a cache: fitting
 * 10,000 labels measures the same few thousand characters over and over, and asking pdfkit to
 * lay out each candidate line would cost more than drawing them. Kerning is left out; it only
 * narrows Latin text, and every label is clipped to its cell besides.
 */
export function fontMeasure(doc: PDFKit.PDFDocument, fontName: string): Measure {
  let widths = advances.get(fontName);
  if (!widths) advances.set(fontName, (widths = new Map()));
  const cache = widths;
  return (text) => {
    let width = 0;
    for (const char of text) {
      let advance = cache.get(char);
      if (advance === undefined) {
        advance = doc.font(fontName).fontSize(1).widthOfString(char);
        cache.set(char, advance);
      }
      width += advance;
    }
    return width;
  };
}

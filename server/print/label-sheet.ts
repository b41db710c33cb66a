import { createError } from '../../engine/errors.js';
import type { LabelAddress } from './addressee.js';
import { drawLine, EM_ASCENT, FONT_REGULAR, registerCjkFonts } from './cjk-font.js';
import { fitText } from './fit-text.js';
import { checkStartPosition, type LabelSheetFormat } from './label-formats.js';
import { labelFields } from './label-lines.js';
import { MM, pdfDocument, reportAndYield, YIELD_EVERY, type JobControl } from './pdf-output.js';
import { fontMeasure } from './text-measure.js';

export interface LabelSheetOptions extends JobControl {
  readonly format: LabelSheetFormat;
  /** The first cell to print on, counting across then down from 1: the rest of a partly used sheet. */
  readonly start?: number;
  /** Draw each label's outline: for a preview or a test print on plain paper. */
  readonly outline?: boolean;
  readonly title?: string;
}

const MAX_SIZE = 10;
const MIN_SIZE = 5.5;
const LINE_SPACING = 1.25;
const PADDING_X_MM = 3;
const PADDING_Y_MM = 2.5;

/**
 * Address labels as a PDF, one per address, across then down, sheet after sheet, the first one at
 * `start`. Text that does not fit shrinks, then wraps, then is cut short with an ellipsis; each
 * label is clipped to its cell, so nothing ever reaches the next one.
 */
export async function renderLabels(addresses: readonly LabelAddress[], options: LabelSheetOptions): Promise<Uint8Array> {
  const { format, outline = false, onProgress } = options;
  const start = checkStartPosition(format, options.start);
  if (addresses.length === 0) throw createError('bad_request', '没有可打印的地址 · There are no addresses to print');

  const { doc, finished } = pdfDocument({ size: [format.pageWidth * MM, format.pageHeight * MM], title: options.title ?? `Labels (${format.id})` });
  registerCjkFonts(doc);
  const measure = fontMeasure(doc, FONT_REGULAR);
  const cells = format.columns * format.rows;
  const width = format.labelWidth * MM;
  const height = format.labelHeight * MM;
  const padX = Math.min(PADDING_X_MM * MM, width * 0.06);
  const padY = Math.min(PADDING_Y_MM * MM, height * 0.08);

  for (const [index, address] of addresses.entries()) {
    const position = start - 1 + index;
    const cell = position % cells;
    if (index === 0 || cell === 0) doc.addPage({ size: [format.pageWidth * MM, format.pageHeight * MM], margin: 0 });
    const x = (format.left + (cell % format.columns) * (format.labelWidth + format.gapX)) * MM;
    const y = (format.top + Math.floor(cell / format.columns) * (format.labelHeight + format.gapY)) * MM;
    const { size, lines } = fitText(labelFields(address), {
      width: width - 2 * padX, height: height - 2 * padY, maxSize: MAX_SIZE, minSize: MIN_SIZE, lineSpacing: LINE_SPACING, measure,
    });
    doc.save();
    if (outline) doc.rect(x, y, width, height).lineWidth(0.3).strokeColor('#999999').stroke();
    doc.rect(x, y, width, height).clip();
    doc.font(FONT_REGULAR).fontSize(size).fillColor('black');
    lines.forEach((line, i) => {
      drawLine(doc, line, x + padX, y + padY + (EM_ASCENT + i * LINE_SPACING) * size);
    });
    doc.restore();
    if ((index + 1) % YIELD_EVERY === 0) await reportAndYield(options, index + 1, addresses.length);
  }
  onProgress?.(addresses.length, addresses.length);
  doc.end();
  return finished;
}

import type { LabelSheetFormat } from '../../server/print/label-formats.js';
import type { PdfPage, Word } from './pdf-tools.js';

export const MM = 72 / 25.4;
// pdftotext rounds positions; a word may touch its cell's edge by this much.
const TOLERANCE = 0.6;

export interface Cell {
  readonly page: number;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

/** Where label `position` (0-based, across then down, sheet after sheet) is, in points. */
export function cellAt(format: LabelSheetFormat, position: number): Cell {
  const cells = format.columns * format.rows;
  const cell = position % cells;
  const x0 = (format.left + (cell % format.columns) * (format.labelWidth + format.gapX)) * MM;
  const y0 = (format.top + Math.floor(cell / format.columns) * (format.labelHeight + format.gapY)) * MM;
  return { page: Math.floor(position / cells) + 1, x0, y0, x1: x0 + format.labelWidth * MM, y1: y0 + format.labelHeight * MM };
}

export function centreIn(word: Word, cell: Cell): boolean {
  const x = (word.xMin + word.xMax) / 2;
  const y = (word.yMin + word.yMax) / 2;
  return word.page === cell.page && x > cell.x0 && x < cell.x1 && y > cell.y0 && y < cell.y1;
}

export function wholeIn(word: Word, cell: Cell): boolean {
  return word.xMin >= cell.x0 - TOLERANCE && word.xMax <= cell.x1 + TOLERANCE && word.yMin >= cell.y0 - TOLERANCE && word.yMax <= cell.y1 + TOLERANCE;
}

export function allWords(pages: readonly PdfPage[]): Word[] {
  return pages.flatMap((page) => page.words);
}

/** The lines of label `position` as a person reads them: its words top to bottom, each line left to right. */
export function labelLines(pages: readonly PdfPage[], format: LabelSheetFormat, position: number): string[] {
  const cell = cellAt(format, position);
  const words = allWords(pages).filter((word) => centreIn(word, cell)).sort((a, b) => a.yMin - b.yMin || a.xMin - b.xMin);
  const lines: Word[][] = [];
  for (const word of words) {
    const line = lines.at(-1);
    if (line && Math.abs(line[0]!.yMin - word.yMin) < 1) line.push(word);
    else lines.push([word]);
  }
  return lines.map((line) => line.sort((a, b) => a.xMin - b.xMin).map((word) => word.text).join(' '));
}

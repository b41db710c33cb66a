import type { Lang } from '../../design/label.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { createError } from '../../engine/errors.js';
import type { Addressee } from './addressee.js';
import { drawLine, EM_ASCENT, FONT_BOLD, FONT_REGULAR, registerCjkFonts } from './cjk-font.js';
import { blockHeight } from './fit-text.js';
import type { ListColumn, ListKind } from './list-kinds.js';
import type { ListRow } from './list-rows.js';
import { MM, pdfDocument, reportAndYield, YIELD_EVERY, type JobControl } from './pdf-output.js';
import { fontMeasure } from './text-measure.js';
import { withEllipsis, wrapText, type Measure } from './wrap-text.js';

export interface ListPdfOptions extends JobControl {
  readonly kind: ListKind;
  readonly lang: Lang;
  /** What the list was printed from, e.g. the view's name. */
  readonly source?: string;
  readonly printedAt?: Date;
}

const A4 = { width: 210 * MM, height: 297 * MM };
const MARGIN = 15 * MM;
const FOOTER_BASELINE = 9 * MM;
const TITLE_SIZE = 12;
const SMALL_SIZE = 7.5;
const TEXT_SIZE = 8.5;
const HEADING_SIZE = 9.5;
const LINE_SPACING = 1.25;
const PAD_X = 1.2 * MM;
const PAD_Y = 1.1 * MM;
const MAX_CELL_LINES = 4;
const HEADING_INDENT = 5 * MM;
const HEADING_HEIGHT = blockHeight(1, HEADING_SIZE, LINE_SPACING) + 2 * PAD_Y;

/** Footer of every page in both languages, whatever the list's language. */
export function pageNumberText(page: number, pages: number): string {
  return `第 ${page} 页 / 共 ${pages} 页 · Page ${page} of ${pages}`;
}

/**
 * A list as a PDF table: on every page the title, the printing date and the column headers; the
 * view's categories as headings, kept on the page of the first entry under them; page numbers
 * "of M", written once the number of pages is known.
 */
export async function renderListPdf(rows: readonly ListRow[], options: ListPdfOptions): Promise<Uint8Array> {
  if (!rows.some((row) => row.kind === 'entry')) throw createError('bad_request', '没有可列出的内容 · There is nothing to list');
  const table = new ListTable(options);
  for (const [index, row] of rows.entries()) {
    if (row.kind === 'entry') table.entry(row.addressee);
    else table.heading(row, rows, index);
    if ((index + 1) % YIELD_EVERY === 0) await reportAndYield(options, index + 1, rows.length);
  }
  options.onProgress?.(rows.length, rows.length);
  return table.finish();
}

/** One list being drawn: where the next row goes, and a new page with its headers when it does not fit. */
class ListTable {
  private readonly doc: PDFKit.PDFDocument;
  private readonly finished: Promise<Uint8Array>;
  private readonly page: { width: number; height: number };
  private readonly columns: (ListColumn & { points: number })[];
  private readonly regular: Measure;
  private readonly bold: Measure;
  private readonly title: string;
  private readonly printed: string;
  private readonly headerCells: string[][];
  private y = 0;

  constructor(private readonly options: ListPdfOptions) {
    const { kind, lang } = options;
    this.page = kind.landscape ? { width: A4.height, height: A4.width } : A4;
    this.title = options.source ? `${kind.title[lang]} · ${options.source}` : kind.title[lang];
    ({ doc: this.doc, finished: this.finished } = pdfDocument({ size: [this.page.width, this.page.height], bufferPages: true, title: this.title }));
    registerCjkFonts(this.doc, [FONT_REGULAR, FONT_BOLD]);
    this.regular = fontMeasure(this.doc, FONT_REGULAR);
    this.bold = fontMeasure(this.doc, FONT_BOLD);
    const share = kind.columns.reduce((sum, column) => sum + column.width, 0);
    this.columns = kind.columns.map((column) => ({ ...column, points: (column.width / share) * this.tableWidth }));
    this.printed = `${lang === 'zh' ? '打印日期' : 'Printed'} ${officeDay((options.printedAt ?? new Date()).toISOString())}`;
    this.headerCells = this.cells(this.columns.map((column) => column.title[lang]), this.bold);
    this.newPage();
  }

  private get tableWidth(): number {
    return this.page.width - 2 * MARGIN;
  }

  /** A category heading; it starts a new page unless the headings after it and their first entry fit too. */
  heading(row: Extract<ListRow, { kind: 'category' }>, rows: readonly ListRow[], index: number): void {
    let next = index + 1;
    while (rows[next]?.kind === 'category') next++;
    const firstEntry = rows[next];
    const entryHeight = firstEntry?.kind === 'entry' ? this.rowHeight(this.entryCells(firstEntry.addressee)) : 0;
    if (this.y + (next - index) * HEADING_HEIGHT + entryHeight > this.bottom) this.newPage();
    const title = row.title || (this.options.lang === 'zh' ? '（无）' : '(none)');
    this.line(`${title} (${row.count})`, FONT_BOLD, HEADING_SIZE, MARGIN + PAD_X + row.level * HEADING_INDENT, this.y + PAD_Y);
    this.y += HEADING_HEIGHT;
    this.rule(0.5, '#666666');
  }

  entry(addressee: Addressee): void {
    const cells = this.entryCells(addressee);
    const height = this.rowHeight(cells);
    if (this.y + height > this.bottom) this.newPage();
    this.drawCells(cells, FONT_REGULAR);
    this.y += height;
    this.rule(0.25, '#bbbbbb');
  }

  /** Writes each page's footer, now that the number of pages is known, and ends the document. */
  finish(): Promise<Uint8Array> {
    const { start, count } = this.doc.bufferedPageRange();
    for (let i = start; i < start + count; i++) {
      this.doc.switchToPage(i);
      const footer = pageNumberText(i - start + 1, count);
      this.line(footer, FONT_REGULAR, SMALL_SIZE, (this.page.width - this.regular(footer) * SMALL_SIZE) / 2, this.page.height - FOOTER_BASELINE - EM_ASCENT * SMALL_SIZE);
    }
    this.doc.end();
    return this.finished;
  }

  private get bottom(): number {
    return this.page.height - MARGIN;
  }

  private newPage(): void {
    this.doc.addPage({ size: [this.page.width, this.page.height], margin: 0 });
    this.line(this.title, FONT_BOLD, TITLE_SIZE, MARGIN, MARGIN);
    this.line(this.printed, FONT_REGULAR, SMALL_SIZE, MARGIN + this.tableWidth - this.regular(this.printed) * SMALL_SIZE, MARGIN + TITLE_SIZE - SMALL_SIZE);
    this.y = MARGIN + TITLE_SIZE * 1.8;
    const height = this.rowHeight(this.headerCells);
    this.doc.rect(MARGIN, this.y, this.tableWidth, height).fillColor('#e8e8e8').fill().fillColor('black');
    this.drawCells(this.headerCells, FONT_BOLD);
    this.y += height;
    this.rule(0.8, '#000000');
  }

  private entryCells(addressee: Addressee): string[][] {
    return this.cells(this.columns.map((column) => column.value(addressee, this.options.lang)), this.regular);
  }

  /** Each text wrapped to its column, cut short with an ellipsis after a few lines. */
  private cells(texts: readonly string[], measure: Measure): string[][] {
    return texts.map((text, i) => {
      const width = this.columns[i]!.points - 2 * PAD_X;
      const atSize: Measure = (t) => measure(t) * TEXT_SIZE;
      const wrapped = wrapText(text, width, atSize);
      if (wrapped.length <= MAX_CELL_LINES) return wrapped;
      const kept = wrapped.slice(0, MAX_CELL_LINES);
      kept[MAX_CELL_LINES - 1] = withEllipsis(kept[MAX_CELL_LINES - 1]!, width, atSize);
      return kept;
    });
  }

  private rowHeight(cells: readonly string[][]): number {
    return blockHeight(Math.max(1, ...cells.map((lines) => lines.length)), TEXT_SIZE, LINE_SPACING) + 2 * PAD_Y;
  }

  private drawCells(cells: readonly string[][], font: string): void {
    let x = MARGIN;
    cells.forEach((lines, i) => {
      lines.forEach((text, n) => this.line(text, font, TEXT_SIZE, x + PAD_X, this.y + PAD_Y + n * TEXT_SIZE * LINE_SPACING));
      x += this.columns[i]!.points;
    });
  }

  /** One line of text whose em box starts at `top`. */
  private line(text: string, font: string, size: number, x: number, top: number): void {
    drawLine(this.doc.font(font).fontSize(size), text, x, top + EM_ASCENT * size);
  }

  private rule(width: number, color: string): void {
    this.doc.moveTo(MARGIN, this.y).lineTo(MARGIN + this.tableWidth, this.y).lineWidth(width).strokeColor(color).stroke();
  }
}

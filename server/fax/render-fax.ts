import { drawLine, FONT_BOLD, FONT_REGULAR, registerCjkFonts } from '../print/cjk-font.js';
import { MM, pdfDocument } from '../print/pdf-output.js';
import { fontMeasure } from '../print/text-measure.js';
import { wrapText } from '../print/wrap-text.js';

export interface FaxContent {
  readonly from: string;
  readonly to: string;
  readonly faxNumber: string;
  readonly subject: string;
  readonly coverNote: string;
  readonly body: string;
  /** As printed on the cover, e.g. `2026-03-02 09:00`. */
  readonly date: string;
}

const PAGE = { width: 210 * MM, height: 297 * MM, margin: 20 * MM };
const BODY_SIZE = 11;
const LINE = BODY_SIZE * 1.6;

/** The fax as a PDF: a bilingual cover sheet (with the page count), then the body on A4 pages. */
export async function renderFax(fax: FaxContent): Promise<Uint8Array> {
  const { doc, finished } = pdfDocument({ size: 'A4', title: fax.subject });
  registerCjkFonts(doc, [FONT_REGULAR, FONT_BOLD]);
  const width = PAGE.width - 2 * PAGE.margin;
  const measure = fontMeasure(doc, FONT_REGULAR);
  const wrap = (text: string, size: number) => text.split(/\r?\n/).flatMap((line) => (line === '' ? [''] : wrapText(line, width / size, measure)));
  const bodyLines = fax.body.trim() === '' ? [] : wrap(fax.body, BODY_SIZE);
  const perPage = Math.floor((PAGE.height - 2 * PAGE.margin) / LINE);
  const pages = 1 + Math.ceil(bodyLines.length / perPage);

  doc.addPage({ size: 'A4', margin: 0 });
  doc.font(FONT_BOLD).fontSize(28);
  drawLine(doc, '传真 FAX', PAGE.margin, PAGE.margin + 28);
  doc.font(FONT_REGULAR).fontSize(12);
  const rows: [string, string][] = [
    ['收件人 To', fax.to], ['传真号码 Fax', fax.faxNumber], ['发件人 From', fax.from],
    ['日期 Date', fax.date], ['主题 Subject', fax.subject], ['页数 Pages', `${pages}（含封面 incl. cover）`],
  ];
  let y = PAGE.margin + 70;
  for (const [label, value] of rows) {
    doc.font(FONT_BOLD);
    drawLine(doc, label, PAGE.margin, y);
    doc.font(FONT_REGULAR);
    drawLine(doc, wrapText(value, (width - 40 * MM) / 12, measure)[0] ?? '', PAGE.margin + 40 * MM, y);
    y += 24;
  }
  doc.moveTo(PAGE.margin, y - 10).lineTo(PAGE.width - PAGE.margin, y - 10).stroke();
  y += 10;
  for (const line of wrap(fax.coverNote, 12)) {
    if (y > PAGE.height - PAGE.margin) break;
    drawLine(doc, line, PAGE.margin, y);
    y += 12 * 1.6;
  }

  doc.fontSize(BODY_SIZE);
  for (let start = 0; start < bodyLines.length; start += perPage) {
    doc.addPage({ size: 'A4', margin: 0 });
    bodyLines.slice(start, start + perPage).forEach((line, i) => drawLine(doc, line, PAGE.margin, PAGE.margin + BODY_SIZE + i * LINE));
  }
  doc.end();
  return finished;
}

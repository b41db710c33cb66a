import type { Doc } from '../../design/form.js';
import { QUOTATION_KINDS } from '../../design/forms/quotation.js';
import { quotationTotals } from '../../design/quotation-totals.js';
import { drawLine, FONT_BOLD, FONT_REGULAR, registerCjkFonts } from '../print/cjk-font.js';
import { MM, pdfDocument } from '../print/pdf-output.js';
import { fontMeasure } from '../print/text-measure.js';
import { wrapText } from '../print/wrap-text.js';
import type { Letterhead } from './crm-settings.js';

type Language = 'zh' | 'en';

const WORDS = {
  zh: {
    number: '编号', date: '日期', validUntil: '有效期至', to: '客户', attn: '联系人', deal: '业务',
    columns: ['序号', '产品', '型号', '数量', '单价', '金额'], subtotal: '小计', discount: (p: string) => `折扣 ${p}%`, total: '总计',
    terms: '条款', incoterm: '贸易术语', payment: '付款方式', delivery: '交货期', validity: '报价有效期至', bank: '银行资料', notes: '备注',
    draft: '草稿（未编号）', tel: '电话', email: '邮箱', page: (n: number, of: number) => `第 ${n} 页，共 ${of} 页`,
  },
  en: {
    number: 'No.', date: 'Date', validUntil: 'Valid until', to: 'To', attn: 'Attn.', deal: 'Deal',
    columns: ['#', 'Product', 'Model', 'Qty', 'Unit price', 'Amount'], subtotal: 'Subtotal', discount: (p: string) => `Discount ${p}%`, total: 'Total',
    terms: 'Terms', incoterm: 'Incoterm', payment: 'Payment terms', delivery: 'Delivery time', validity: 'Offer valid until', bank: 'Bank details', notes: 'Notes',
    draft: 'DRAFT (not numbered)', tel: 'Tel.', email: 'E-mail', page: (n: number, of: number) => `Page ${n} of ${of}`,
  },
} as const;

const PAGE = { width: 210 * MM, height: 297 * MM, margin: 18 * MM };
const SIZE = 10;
const LINE = SIZE * 1.5;
/** Columns of the lines' table: where each starts (from the left margin) and how wide it is, in mm; numbers align right. */
const TABLE: readonly { x: number; width: number; right?: boolean }[] = [
  { x: 0, width: 10 }, { x: 10, width: 62 }, { x: 72, width: 34 }, { x: 106, width: 18, right: true }, { x: 124, width: 24, right: true }, { x: 148, width: 26, right: true },
];

/** `12,345.60`: the same digits in both languages, as trade documents print them. */
export function money(value: number): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
}

function quantity(value: number): string {
  return value.toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function text(value: unknown): string {
  return typeof value === 'string' ? value.trim() : '';
}

/**
 * A quotation or proforma invoice as an A4 PDF in the document's language: the company's
 * letterhead, the number and dates, the customer, the lines with their amounts, subtotal, discount
 * and total, the terms (Incoterm and place, payment, delivery, validity), the bank details and notes.
 * Lines run on to further pages; each page says which it is.
 */
export async function renderQuotationPdf(quotation: Doc, letterhead: Letterhead): Promise<Uint8Array> {
  const language: Language = quotation.language === 'zh' ? 'zh' : 'en';
  const w = WORDS[language];
  const kind = QUOTATION_KINDS.find((k) => k.value === quotation.kind) ?? QUOTATION_KINDS[0]!;
  const title = kind.label[language];
  const number = text(quotation.number);
  const { doc, finished } = pdfDocument({ size: 'A4', bufferPages: true, title: number === '' ? title : `${title} ${number}` });
  registerCjkFonts(doc, [FONT_REGULAR, FONT_BOLD]);
  const measure = fontMeasure(doc, FONT_REGULAR);
  const width = PAGE.width - 2 * PAGE.margin;
  const wrap = (value: string, room: number, size = SIZE) => value.split(/\r?\n/).flatMap((line) => (line.trim() === '' ? [] : wrapText(line, room / size, measure)));
  let y = 0;
  const newPage = () => {
    doc.addPage({ size: 'A4', margin: 0 });
    y = PAGE.margin;
  };
  const room = (height: number) => {
    if (y + height > PAGE.height - PAGE.margin - LINE) newPage();
  };
  const write = (value: string, x: number, font = FONT_REGULAR, size = SIZE) => {
    doc.font(font).fontSize(size);
    drawLine(doc, value, x, y + size);
  };
  const rule = () => doc.moveTo(PAGE.margin, y).lineTo(PAGE.width - PAGE.margin, y).lineWidth(0.6).stroke();

  newPage();
  // The letterhead: the company in the document's language first, the other below it.
  const names = language === 'zh' ? [letterhead.nameZh, letterhead.nameEn] : [letterhead.nameEn, letterhead.nameZh];
  const [main, other] = names.filter((name) => name !== '');
  if (main) { write(main, PAGE.margin, FONT_BOLD, 16); y += 22; }
  if (other) { write(other, PAGE.margin, FONT_REGULAR, 10); y += LINE; }
  const address = language === 'zh' ? letterhead.addressZh || letterhead.addressEn : letterhead.addressEn || letterhead.addressZh;
  for (const line of wrap(address, width, 9)) { write(line, PAGE.margin, FONT_REGULAR, 9); y += 9 * 1.5; }
  const reach = [letterhead.phone && `${w.tel} ${letterhead.phone}`, letterhead.email && `${w.email} ${letterhead.email}`].filter(Boolean).join('   ');
  if (reach) { write(reach, PAGE.margin, FONT_REGULAR, 9); y += 9 * 1.5; }
  y += 4;
  rule();
  y += 14;
  write(title, PAGE.margin, FONT_BOLD, 20);
  y += 34;

  const meta: [string, string][] = [
    [w.number, number === '' ? w.draft : number],
    [w.date, text(quotation.date)],
    ...(text(quotation.validUntil) ? [[w.validUntil, text(quotation.validUntil)] as [string, string]] : []),
    [w.to, text(quotation.customerName)],
    ...(text(quotation.contactName) ? [[w.attn, text(quotation.contactName)] as [string, string]] : []),
    ...(text(quotation.dealName) ? [[w.deal, text(quotation.dealName)] as [string, string]] : []),
  ];
  for (const [label, value] of meta) {
    write(label, PAGE.margin, FONT_BOLD);
    const lines = wrap(value, width - 30 * MM);
    lines.forEach((line, i) => { if (i > 0) y += LINE; write(line, PAGE.margin + 30 * MM); });
    y += LINE;
  }
  y += 8;

  const currency = text(quotation.currency);
  const header = () => {
    rule();
    y += 4;
    w.columns.forEach((label, i) => cell(i, i >= 4 ? `${label} (${currency})` : label, FONT_BOLD));
    y += LINE + 2;
    rule();
    y += 4;
  };
  const cell = (column: number, value: string, font = FONT_REGULAR) => {
    const { x, width: cellWidth, right } = TABLE[column]!;
    doc.font(font).fontSize(SIZE);
    const left = PAGE.margin + x * MM;
    drawLine(doc, value, right ? left + cellWidth * MM - 2 - doc.widthOfString(value) : left, y + SIZE);
  };
  header();
  const totals = quotationTotals(quotation);
  totals.lines.forEach((line, index) => {
    const product = wrap(line.product, (TABLE[1]!.width - 2) * MM);
    const model = wrap(line.model, (TABLE[2]!.width - 2) * MM);
    const rows = Math.max(1, product.length, model.length);
    if (y + rows * LINE > PAGE.height - PAGE.margin - LINE) {
      newPage();
      header();
    }
    cell(0, String(index + 1));
    cell(3, quantity(line.quantity));
    cell(4, money(line.price));
    cell(5, money(line.amount));
    for (let row = 0; row < rows; row++) {
      if (product[row]) cell(1, product[row]!);
      if (model[row]) cell(2, model[row]!);
      y += LINE;
    }
    y += 2;
  });
  rule();
  y += 6;

  room(LINE * 3);
  const sum = (label: string, value: string, font = FONT_REGULAR) => {
    doc.font(font).fontSize(SIZE);
    const right = PAGE.width - PAGE.margin - 2;
    drawLine(doc, value, right - doc.widthOfString(value), y + SIZE);
    drawLine(doc, label, PAGE.margin + 100 * MM, y + SIZE);
    y += LINE;
  };
  if (totals.discount > 0) {
    sum(w.subtotal, `${currency} ${money(totals.subtotal)}`);
    sum(w.discount(String(totals.discountPercent)), `- ${currency} ${money(totals.discount)}`);
  }
  sum(w.total, `${currency} ${money(totals.total)}`, FONT_BOLD);
  y += 10;

  const incoterm = [text(quotation.incoterm), text(quotation.place)].filter(Boolean).join(' ');
  const terms: [string, string][] = ([
    [w.incoterm, incoterm], [w.payment, text(quotation.paymentTerms)], [w.delivery, text(quotation.deliveryTime)], [w.validity, text(quotation.validUntil)],
  ] as [string, string][]).filter(([, value]) => value !== '');
  const section = (heading: string, lines: readonly [string, string][] | readonly string[]) => {
    if (lines.length === 0) return;
    room(LINE * 2);
    write(heading, PAGE.margin, FONT_BOLD, 11);
    y += LINE + 2;
    for (const line of lines) {
      if (typeof line === 'string') {
        room(LINE);
        write(line, PAGE.margin);
        y += LINE;
        continue;
      }
      const wrapped = wrap(line[1], width - 40 * MM);
      room(LINE * wrapped.length);
      write(line[0], PAGE.margin);
      for (const part of wrapped) { write(part, PAGE.margin + 40 * MM); y += LINE; }
    }
    y += 8;
  };
  section(w.terms, terms);
  section(w.bank, wrap(letterhead.bankDetails, width));
  section(w.notes, wrap(text(quotation.notes), width));

  // Page numbers, once the number of pages is known.
  const range = doc.bufferedPageRange();
  for (let i = 0; i < range.count; i++) {
    doc.switchToPage(range.start + i);
    doc.font(FONT_REGULAR).fontSize(8);
    const label = w.page(i + 1, range.count);
    drawLine(doc, label, PAGE.width - PAGE.margin - doc.widthOfString(label), PAGE.height - PAGE.margin / 2);
  }
  doc.end();
  return finished;
}

import type { Doc } from './form.js';

export interface QuotationLine {
  readonly product: string;
  readonly model: string;
  readonly quantity: number;
  readonly price: number;
  readonly amount: number;
}

export interface QuotationTotals {
  readonly lines: readonly QuotationLine[];
  readonly subtotal: number;
  readonly discountPercent: number;
  readonly discount: number;
  readonly total: number;
}

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);
/** In cents, so that sums of prices do not drift (0.1 + 0.2). */
const cents = (value: number): number => Math.round(value * 100);

/** A quotation's lines with their amounts, the subtotal, the discount and the total, rounded to cents. */
export function quotationTotals(doc: Doc): QuotationTotals {
  const rows = Array.isArray(doc.lines) ? (doc.lines as unknown[]).filter((l): l is Doc => l !== null && typeof l === 'object') : [];
  const lines = rows.map((row) => ({
    product: typeof row.product === 'string' ? row.product : '',
    model: typeof row.model === 'string' ? row.model : '',
    quantity: num(row.quantity),
    price: num(row.price),
    amount: cents(num(row.quantity) * num(row.price)) / 100,
  }));
  const subtotalCents = lines.reduce((sum, line) => sum + cents(line.amount), 0);
  const discountPercent = Math.min(100, Math.max(0, num(doc.discountPercent)));
  const discountCents = Math.round(subtotalCents * discountPercent / 100);
  return { lines, subtotal: subtotalCents / 100, discountPercent, discount: discountCents / 100, total: (subtotalCents - discountCents) / 100 };
}

import type { Doc } from './form.js';

/**
 * A new quotation or proforma invoice from a deal: its order lines (product, model, quantity, unit
 * price), currency, customer, owner and readers, so that it is restricted as the deal is, and the
 * payment terms in force on the deal (those the server applied from approved or allowed credit terms).
 */
export function quotationFromDeal(deal: Doc, kind: 'quotation' | 'proforma'): Doc {
  const lines = (Array.isArray(deal.orderLines) ? (deal.orderLines as unknown[]) : [])
    .filter((line): line is Doc => line !== null && typeof line === 'object')
    .map((line) => Object.fromEntries(['product', 'model', 'quantity', 'price'].flatMap((field) => (line[field] === undefined ? [] : [[field, line[field]]]))));
  const owner = Array.isArray(deal.owner) ? deal.owner.map(String) : [];
  const readers = Array.isArray(deal.readers) ? deal.readers.map(String) : [];
  return {
    kind, dealId: deal._id, dealName: deal.name, customerId: deal.customerId, customerName: deal.customerName,
    ...(typeof deal.currency === 'string' ? { currency: deal.currency } : {}),
    ...(typeof deal.paymentTerms === 'string' && deal.paymentTerms !== '' ? { paymentTerms: deal.paymentTerms } : {}),
    ...(lines.length > 0 ? { lines } : {}),
    ...(owner.length > 0 ? { owner } : {}),
    ...(readers.length > 0 ? { readers } : {}),
  };
}

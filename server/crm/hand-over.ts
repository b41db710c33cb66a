import type { Doc } from '../../design/form.js';
import { MANAGER_ROLE } from '../../design/forms/crm-fields.js';

/** What a manager hands over: one customer (with its deals and planned activities), one deal, or all a person owns. */
export type HandOverScope = { readonly customerId: string } | { readonly dealId: string } | { readonly from: string };

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

function swap(list: unknown, from: readonly string[], to: string): string[] {
  return [...new Set([...names(list).filter((name) => !from.includes(name)), to])];
}

/**
 * The record as `to` owns it instead of `from`: owner, readers and authors follow, and the
 * hand-over is appended to its owner history. Other owners, roles and groups stay as they were.
 */
export function handedOver(doc: Doc, from: readonly string[], to: string, by: string, at: string): Doc {
  const previous = names(doc.owner);
  const next: Doc = { ...doc, owner: [...new Set([...previous.filter((name) => !from.includes(name)), to])] };
  if ((doc.form === 'Customer' || doc.form === 'Deal') && names(doc.readers).length === 0) {
    // From the public pool (no reader names): now the new owner's and the managers'.
    next.readers = [to, MANAGER_ROLE];
  } else if (names(doc.readers).length > 0) {
    next.readers = swap(doc.readers, from, to);
  }
  if (Array.isArray(doc.authors)) next.authors = swap(doc.authors, from, to);
  next.ownerHistory = [...(Array.isArray(doc.ownerHistory) ? doc.ownerHistory : []), { from: previous, to: next.owner, by, at }];
  return next;
}

/** Does this record move with the hand-over, and from whom? (null: it stays.) */
export function handOverFrom(doc: Doc, scope: HandOverScope, customerOwners: readonly string[]): string[] | null {
  if (doc._deleted || doc._id === undefined) return null;
  const owners = names(doc.owner);
  const movable = doc.form === 'Customer' || doc.form === 'Deal' || (doc.form === 'Activity' && doc.status === 'planned');
  if (!movable) return null;
  if ('from' in scope) return owners.includes(scope.from) ? [scope.from] : null;
  if ('dealId' in scope) return doc._id === scope.dealId && doc.form === 'Deal' ? owners : null;
  if (doc._id === scope.customerId) return doc.form === 'Customer' ? owners : null;
  // The customer's deals and planned activities go with it when its previous owners had them.
  return doc.customerId === scope.customerId && doc.form !== 'Customer' && owners.some((o) => customerOwners.includes(o)) ? customerOwners.filter((o) => owners.includes(o)) : null;
}

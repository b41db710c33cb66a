import type { Doc, FieldDef, FieldLink, SaveContext } from '../form.js';
import { officeDay } from './time-zones.js';

/** The role of managers who see and steer every customer and deal (Notes style). */
export const MANAGER_ROLE = '[Manager]';

/** The role of salespeople: what they enter is theirs by default. */
export const SALES_ROLE = '[Sales]';

/** A salesperson entering a customer in the form is offered as its owner; anyone else (an administrator) leaves it to the pool. */
export function salespersonOwner(ctx: SaveContext): string[] | undefined {
  return ctx.user.roles.includes(SALES_ROLE) ? [ctx.user.name] : undefined;
}

/** Picking a customer (or a deal, a contact) copies its name, which views and titles show. */
export const customerPick = { db: 'crm', forms: ['Customer'], fill: { customerName: 'name' } } as const satisfies FieldLink;
export const dealPick = { db: 'crm', forms: ['Deal'], fill: { dealName: 'name' } } as const satisfies FieldLink;
export const contactPick = { db: 'crm', forms: ['Contact'], fill: { contactName: 'name' } } as const satisfies FieldLink;

/** Every document about a customer names it, and carries its name for views (filled in from the customer). */
export const customerLink = {
  customerId: { type: 'text', label: { zh: '客户', en: 'Customer' }, required: true, maxLength: 200, link: customerPick },
  customerName: { type: 'text', label: { zh: '客户名称', en: 'Customer name' }, sortable: true, maxLength: 200, pinyin: true },
} as const satisfies Record<string, FieldDef>;

/** Who owned the record before: appended by every hand-over, never rewritten. */
export const ownerHistory: FieldDef = {
  type: 'objects',
  label: { zh: '移交记录', en: 'Owner history' },
  columns: {
    from: { type: 'names', label: { zh: '原负责人', en: 'From' } },
    to: { type: 'names', label: { zh: '新负责人', en: 'To' } },
    by: { type: 'text', label: { zh: '经办人', en: 'By' } },
    at: { type: 'datetime', label: { zh: '时间', en: 'At' }, required: true },
  },
};

function owners(doc: Doc): string[] {
  return Array.isArray(doc.owner) ? doc.owner.map(String) : [];
}

/**
 * Customers and deals belong to the company. One with an owner is readable and editable by the
 * owner, whoever entered it and the managers (the server adds the roles an administrator names in
 * the CRM settings to its readers); one without an owner is in the public pool (公海), open to
 * everyone in the database and edited by whoever entered it, until a hand-over gives it an owner.
 * A hand-over rewrites both lists.
 */
export function ownerReaders(doc: Doc, ctx: SaveContext): string[] {
  return owners(doc).length === 0 ? [] : ownerAuthors(doc, ctx);
}

export function ownerAuthors(doc: Doc, ctx: SaveContext): string[] {
  return owners(doc).length === 0 ? [ctx.user.name] : [...new Set([...owners(doc), ctx.user.name, MANAGER_ROLE])];
}

/** A date as the start of that day in UTC, for `timelineDate` of records that only have a date. */
export function dateTimeOf(date: unknown): string | undefined {
  return typeof date === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(date) ? `${date}T00:00:00.000Z` : undefined;
}

/** Defaults on creation: the person saving, today (the company's day), now. */
export const savingUser = (ctx: SaveContext): string[] => [ctx.user.name];
export const today = (ctx: SaveContext): string => officeDay(ctx.now);
export const now = (ctx: SaveContext): string => ctx.now;

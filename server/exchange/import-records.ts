import { createError } from '../../engine/errors.js';
import { IMPORT_TARGETS, guessMapping, importTarget } from './import-targets.js';
import { fieldValue } from './import-values.js';
import type { Table } from './table.js';

/** One row of a file: the customer it names and the contact at that customer, as field values. */
export interface ImportRecord {
  readonly row: number;
  readonly customer: Record<string, unknown> | null;
  readonly contact: Record<string, unknown> | null;
  /** What the file held that Guanxi has no place for (a vCard's nickname, its social profiles…), to tell the person. */
  readonly notKept?: readonly string[];
}

/** Which target each column goes to (null: not imported). */
export type ColumnMapping = readonly (string | null)[];

/**
 * The guessed mapping with the user's changes: `{"公司": "customer.name", "#4": null}` maps
 * columns by title or by number (`#1` is the first) to a target, or to null to leave them out.
 */
export function resolveMapping(headers: readonly string[], overrides: unknown): ColumnMapping {
  const mapping = guessMapping(headers);
  if (overrides === undefined || overrides === null) return mapping;
  if (typeof overrides !== 'object' || Array.isArray(overrides)) throw createError('bad_request', 'mapping must be an object from column titles (or #1, #2, …) to fields such as "customer.name", or null');
  for (const [column, target] of Object.entries(overrides as Record<string, unknown>)) {
    const index = /^#\d+$/.test(column) ? Number(column.slice(1)) - 1 : headers.indexOf(column.trim());
    if (index < 0 || index >= headers.length) throw createError('bad_request', `mapping: the file has no column ${JSON.stringify(column)}; its columns are ${headers.map((h) => JSON.stringify(h)).join(', ')}`);
    if (target !== null && target !== '' && (typeof target !== 'string' || !importTarget(target))) {
      throw createError('bad_request', `mapping: ${JSON.stringify(target)} is no field to import into; the fields are ${IMPORT_TARGETS.map((t) => t.key).join(', ')}`);
    }
    mapping[index] = target === '' ? null : (target as string | null);
  }
  return mapping;
}

/** Each row's values by target; several columns of a list field add up. */
export function recordsFromTable(table: Table, mapping: ColumnMapping): ImportRecord[] {
  const targets = mapping.map((key) => (key === null ? null : importTarget(key)!));
  return table.rows.map(({ row, cells }) => {
    const parts: Record<'Customer' | 'Contact', Record<string, unknown> | null> = { Customer: null, Contact: null };
    targets.forEach((target, column) => {
      if (!target) return;
      const value = fieldValue(target.def, cells[column] ?? '');
      if (value === undefined) return;
      const fields = (parts[target.form] ??= {});
      const previous = fields[target.field];
      if (Array.isArray(previous) && Array.isArray(value)) fields[target.field] = [...previous, ...value];
      else if (previous === undefined) fields[target.field] = value;
    });
    return { row, customer: parts.Customer, contact: parts.Contact };
  });
}

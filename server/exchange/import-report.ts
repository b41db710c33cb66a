import type { FieldError } from '../../design/form.js';
import type { Label } from '../../design/label.js';
import type { MatchKind } from './find-duplicates.js';

/**
 * What a row that matches a stored record does to it: `fill` only its empty fields (the default),
 * `overwrite` with the file's values, or `skip` it. None replaces an identifier (the name a
 * record is known by, its code); none erases a value with an empty cell.
 */
export type DuplicatePolicy = 'fill' | 'overwrite' | 'skip';
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['fill', 'overwrite', 'skip'];

/** One field an import changed in a stored record: enough to show it and to put it back. */
export interface FieldChange {
  readonly field: string;
  readonly label: Label;
  /** Absent when the field was empty. */
  readonly old?: unknown;
  readonly new: unknown;
}

/** A stored record an import changed, by its title, with each change. */
export interface ChangedRecord {
  readonly id: string;
  readonly form: 'Customer' | 'Contact';
  readonly title: string;
  readonly rows: readonly number[];
  readonly changes: readonly FieldChange[];
}

export interface RejectedRow {
  readonly row: number;
  /** Why, in Chinese and English: "客户资料：请填写“客户名称” · Customer: Name is required". */
  readonly reason: string;
  readonly fields?: readonly FieldError[];
}

export interface DuplicateRow {
  readonly row: number;
  readonly form: 'Customer' | 'Contact';
  readonly action: 'merged' | 'skipped';
  /** The document the row matched: one already stored, or one an earlier row of the file created. */
  readonly id: string;
  /** Its title, as a person finds it (a contact with its company). */
  readonly title: string;
  readonly matchedBy: MatchKind;
}

/**
 * What an import did. A row can name a customer and a contact, so the counts are of documents:
 * `imported` new ones, `merged` and `skipped` rows' parts that matched one; `rejected` are rows,
 * nothing of which was saved unless its customer was (then the reason says it was the contact).
 */
export interface ImportReport {
  readonly rows: number;
  readonly imported: number;
  readonly merged: number;
  readonly skipped: number;
  readonly rejected: readonly RejectedRow[];
  readonly duplicates: readonly DuplicateRow[];
  /** Per row (a vCard: the line it begins on), what the file held that Guanxi has no place for. */
  readonly notKept: readonly { readonly row: number; readonly title: string; readonly items: readonly string[] }[];
  /** Stored records the import changed, field by field, old → new. */
  readonly changed: readonly ChangedRecord[];
}

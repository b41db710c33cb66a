import type { FieldError } from '../../design/form.js';
import type { MatchKind } from './find-duplicates.js';

export type DuplicatePolicy = 'merge' | 'skip';
export const DUPLICATE_POLICIES: readonly DuplicatePolicy[] = ['merge', 'skip'];

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
  /** That document's name, as people know it. */
  readonly name: string;
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
}

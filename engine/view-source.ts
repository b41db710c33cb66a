import type { CompiledView } from '../views/compile-view.js';

export type Key = unknown[];

/** Who may read a row: null for everyone with Reader access, else the names of its readers and authors. */
export type RowAccess = readonly string[] | null;

export interface IndexRow {
  readonly id: string;
  readonly key: Key;
  readonly value: unknown[];
  readonly access: RowAccess;
}

export interface CategoryTotals {
  /** The category's key prefix; its last element is `[sortKey, shownValue]`. */
  readonly key: Key;
  readonly count: number;
  readonly sums: number[];
}

export interface ResponseRow {
  readonly id: string;
  readonly parent: string;
  readonly created: string | null;
  readonly value: unknown[];
  readonly access: RowAccess;
}

export interface Totals {
  count: number;
  sums: number[];
}

/**
 * What a page of a view is read from. The embedded and browser engines answer from their own
 * index; the CouchDB engine answers from CouchDB's view index. Keys collate as CouchDB keys.
 */
export interface ViewSource {
  readonly view: CompiledView;
  /** Rows whose key starts with `prefix`, strictly after `after`, in view order. */
  documents(prefix: Key, after: { key: Key; id: string } | null, limit: number): Promise<IndexRow[]>;
  /** The categories one level below `prefix`, strictly after the category `after`, in view order. */
  categories(prefix: Key, after: Key | null, limit: number): Promise<CategoryTotals[]>;
  total(): Promise<Totals>;
  /** The direct responses of these documents. */
  responses(parentIds: readonly string[]): Promise<ResponseRow[]>;
}

import type { DbName } from '../../design/databases.js';

/**
 * What the page asks of the views worker about one replica (its PouchDB name and its views'
 * IndexedDB, as the page opened them): bring every view index up to the replica's changes feed,
 * merge their packed runs (the replica has filled), or let go of both stores (the page closed the replica).
 */
export interface IndexRequest {
  readonly id: number;
  readonly type: 'refresh' | 'compact' | 'close';
  readonly pouchName: string;
  readonly location: string;
  readonly db: DbName;
}

export type IndexAnswer = { readonly id: number; readonly ok: true } | { readonly id: number; readonly ok: false; readonly error: string };

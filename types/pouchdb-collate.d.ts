declare module 'pouchdb-collate' {
  /** CouchDB view collation: negative, zero or positive like a comparator. */
  export function collate(a: unknown, b: unknown): number;
  /** A string whose byte order is the collation order of the key. */
  export function toIndexableString(key: unknown): string;
  export function parseIndexableString(str: string): unknown;
  export function normalizeKey(key: unknown): unknown;
}

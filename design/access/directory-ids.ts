import type { DbName } from '../databases.js';

/**
 * The directory's documents have ids derived from what they name, so that there is one document
 * per person, group and database, and a second one for the same name is a conflict. Names may be
 * Chinese, ids must be ASCII: the name's UTF-8 in hex.
 */
export function personDocId(name: string): string {
  return `person-${hexOfUtf8(name)}`;
}

export function groupDocId(name: string): string {
  return `group-${hexOfUtf8(name)}`;
}

export function aclDocId(db: DbName): string {
  return `acl-${db}`;
}

/** Store document ids are at most 200 characters (server/store/doc-id.ts). */
export const MAX_DOC_ID_LENGTH = 200;

export function hexOfUtf8(text: string): string {
  let hex = '';
  for (const byte of new TextEncoder().encode(text)) hex += byte.toString(16).padStart(2, '0');
  return hex;
}

import { InvalidArgumentError } from 'commander';
import { ACCESS_LEVELS, type AccessLevel } from '../../design/access/acl.js';
import { DB_NAMES, isDbName, type DbName } from '../../design/databases.js';
import type { SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';

/** What the directory commands' arguments mean; commander reports a bad one with its name. */
export function parseDb(text: string): DbName {
  if (!isDbName(text)) throw new InvalidArgumentError(`the databases are ${DB_NAMES.join(', ')}`);
  return text;
}

/** `manager`, `Manager`, `no-access`, `"No Access"` and `noAccess` all name a level. */
export function parseLevel(text: string): AccessLevel {
  const wanted = text.toLowerCase().replace(/[\s_-]/g, '');
  const level = ACCESS_LEVELS.find((l) => l.toLowerCase() === wanted);
  if (!level) throw new InvalidArgumentError(`the levels are ${ACCESS_LEVELS.join(', ')}`);
  return level;
}

/** `[Sales],[Manager]` */
export function parseRoles(text: string): string[] {
  return text.split(',').map((role) => role.trim()).filter((role) => role !== '');
}

/** The command line saves as the server itself. */
export function adminSaveContext(): SaveContext {
  return { now: new Date().toISOString(), user: SERVER_USER };
}

import type { Label } from './label.js';

/** Each database has its own access control list, like a separate Notes database. */
export const DATABASES = {
  names: { zh: '通讯录', en: 'Directory' },
  crm: { zh: '客户关系', en: 'Customer Relations' },
  discussion: { zh: '客户关系研讨', en: 'Discussion' },
  library: { zh: '业务知识', en: 'Knowledge Library' },
  office: { zh: '办公', en: 'Office' },
} as const satisfies Record<string, Label>;

export type DbName = keyof typeof DATABASES;
export const DB_NAMES = Object.keys(DATABASES) as DbName[];

export function isDbName(name: string): name is DbName {
  return Object.hasOwn(DATABASES, name);
}

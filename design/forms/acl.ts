import { ACCESS_LEVELS, DEFAULT_ENTRY_NAME, type AccessLevel } from '../access/acl.js';
import { aclDocId } from '../access/directory-ids.js';
import { DATABASES, type DbName } from '../databases.js';
import { fieldError } from '../field-error.js';
import { defineForm, type FieldError } from '../form.js';
import { choices } from './choices.js';
import { roleListErrors } from './directory-rules.js';

export const ACCESS_LEVEL_CHOICES = choices({
  noAccess: ['不能存取', 'No Access'],
  depositor: ['存放者', 'Depositor'],
  reader: ['读者', 'Reader'],
  author: ['作者', 'Author'],
  editor: ['编辑者', 'Editor'],
  designer: ['设计者', 'Designer'],
  manager: ['管理者', 'Manager'],
} satisfies Record<AccessLevel, readonly [string, string]>);

const ENTRY_KEYS: ReadonlySet<string> = new Set(['name', 'level', 'roles', 'canCreate', 'canDelete']);

/**
 * The access control list of one database (`db`), stored as the document `acl-<db>`: so there is
 * only one per database. Like in Notes, only Managers change an ACL: an Editor who could would
 * make themselves Manager.
 */
export const aclForm = defineForm({
  name: 'ACL',
  label: { zh: '访问控制列表', en: 'Access control list' },
  db: 'names',
  titleField: 'db',
  minimumLevel: 'manager',
  fields: {
    db: {
      type: 'choice', label: { zh: '数据库', en: 'Database' }, required: true, sortable: true,
      choices: Object.entries(DATABASES).map(([value, label]) => ({ value, label })),
    },
    defaultLevel: { type: 'choice', label: { zh: '缺省访问级别', en: 'Default access' }, required: true, choices: ACCESS_LEVEL_CHOICES, default: 'noAccess' },
    /** {name, level, roles?, canCreate?, canDelete?}: see AclEntry in design/access/acl.ts. */
    entries: { type: 'objects', label: { zh: '访问控制项', en: 'Entries' } },
  },
  rules: (doc) => {
    const id = aclDocId(doc.db as DbName);
    if (doc._id !== id) return [fieldError('_id', 'rule', `数据库 ${String(doc.db)} 的访问控制列表必须是文档 ${id}`, `The ACL of ${String(doc.db)} must be the document ${id}`)];
    return entriesErrors(Array.isArray(doc.entries) ? (doc.entries as Record<string, unknown>[]) : []);
  },
});

function entriesErrors(entries: readonly Record<string, unknown>[]): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  entries.forEach((entry, i) => {
    const where = { zh: `第 ${i + 1} 项：`, en: `Entry ${i + 1}: ` };
    const error = (zh: string, en: string) => fieldError('entries', 'rule', where.zh + zh, where.en + en);
    const extra = Object.keys(entry).find((key) => !ENTRY_KEYS.has(key));
    const { name, level, roles, canCreate, canDelete } = entry;
    if (extra !== undefined) errors.push(error(`未知的项目 ${extra}`, `unknown item ${extra}`));
    else if (typeof name !== 'string' || name.trim() === '' || name !== name.trim()) errors.push(error('名称不能为空，前后不能有空格', 'the name must be non-empty, without spaces around it'));
    else if (name === DEFAULT_ENTRY_NAME) errors.push(error('缺省项由“缺省访问级别”设置', 'the default entry is set by the default access'));
    else if (seen.has(name)) errors.push(error(`${name} 已有一项`, `${name} already has an entry`));
    else if (!ACCESS_LEVELS.includes(level as AccessLevel)) errors.push(error(`未知的访问级别 ${JSON.stringify(level)}`, `unknown access level ${JSON.stringify(level)}`));
    else if ((canCreate !== undefined && typeof canCreate !== 'boolean') || (canDelete !== undefined && typeof canDelete !== 'boolean')) {
      errors.push(error('“创建文档”和“删除文档”必须是是或否', 'canCreate and canDelete must be true or false'));
    } else errors.push(...roleListErrors('entries', roles, where));
    if (typeof name === 'string') seen.add(name);
  });
  return errors;
}

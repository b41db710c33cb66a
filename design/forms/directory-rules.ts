import { DEFAULT_ENTRY_NAME, isRoleName } from '../access/acl.js';
import { MAX_DOC_ID_LENGTH } from '../access/directory-ids.js';
import { fieldError } from '../field-error.js';
import type { Doc, FieldError } from '../form.js';
import type { Label } from '../label.js';
import { SERVER_USER } from '../user.js';

/**
 * A person's or group's name is what `readers`, `authors` and ACL entries name, and it fixes the
 * document's id: so it cannot look like a role or the default entry, and cannot change (renaming
 * would be a new document; the old name stays in every document that names it).
 */
export function directoryNameErrors(doc: Doc, docIdOf: (name: string) => string): FieldError[] {
  const name = String(doc.name);
  if (name !== name.trim()) return [fieldError('name', 'format', '名称前后不能有空格', 'The name must not start or end with spaces')];
  if (name.startsWith('[')) return [fieldError('name', 'format', '方括号中的名称是角色，不能用作人员或组名', 'A name in square brackets is a role, not a person or group')];
  if (name === DEFAULT_ENTRY_NAME) return [fieldError('name', 'format', `“${name}”是保留名称`, `“${name}” is reserved`)];
  const id = docIdOf(name);
  if (id.length > MAX_DOC_ID_LENGTH) return [fieldError('name', 'too_long', '名称太长', 'The name is too long')];
  if (doc._id !== id) return [fieldError('_id', 'rule', `文档编号必须是 ${id}（名称不能修改）`, `The document id must be ${id} (a name cannot be changed)`)];
  return [];
}

/** Roles are written `[Sales]`. `[Server]` is the server's own (design/user.ts): nobody may be given it. */
export function roleListErrors(field: string, value: unknown, where: Label = { zh: '', en: '' }): FieldError[] {
  if (value === undefined) return [];
  if (Array.isArray(value) && value.some((role) => SERVER_USER.roles.includes(role as string))) {
    return [fieldError(field, 'rule', `${where.zh}角色 ${SERVER_USER.roles.join()} 只属于服务器`, `${where.en}The role ${SERVER_USER.roles.join()} belongs to the server alone`)];
  }
  const bad = Array.isArray(value) ? value.find((role: unknown) => typeof role !== 'string' || !isRoleName(role)) : value;
  if (bad === undefined) return [];
  return [fieldError(field, 'format', `${where.zh}角色必须写成 [角色名]，而不是 ${JSON.stringify(bad)}`, `${where.en}Roles are written [Role], not ${JSON.stringify(bad)}`)];
}

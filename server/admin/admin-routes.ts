import { Router, type Request, type Response } from 'express';
import { ACCESS_LEVELS, type AccessLevel } from '../../design/access/acl.js';
import { aclDocId, groupDocId, personDocId } from '../../design/access/directory-ids.js';
import { DB_NAMES, isDbName, type DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import { adminRefusal } from './admin-refusal.js';
import { updateCredentials, setPassword } from '../auth/credentials.js';
import { NO_FAILURES } from '../auth/lockout.js';
import { checkNewPassword } from '../auth/password-policy.js';
import { SessionStore } from '../auth/sessions.js';
import { ADMIN_ROLE, markLeft } from '../directory/directory-edits.js';
import { makeAdministrator } from '../setup/make-administrator.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { appendAdminLog, readAdminLog } from './admin-log.js';
import { listAcls, listGroups, listPeople, type AclEntryListing } from './directory-listing.js';

/** Who is administering: a signed-in person, or the command line with the server's own token (admin-token.ts). */
export interface Administrator {
  readonly user: UserContext;
  /** Their level in a database's ACL; the command line is Manager of every one. */
  level(db: DbName): AccessLevel;
  /** How the log names them, when not by their user name. */
  readonly by?: string;
}

/** The command line saves as the server itself, with every right, as it does on a stopped server. */
export const COMMAND_LINE: Administrator = { user: SERVER_USER, level: () => 'manager', by: 'guanxi (command line)' };

export interface AdminRoutesOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly administrator: (res: Response) => Administrator;
  readonly now: () => number;
}

const PERSON_TEXT_FIELDS = ['department', 'title', 'email', 'phone'] as const;

/**
 * The directory administered while the server runs (under /api/admin): people, groups and
 * departments for the Managers of `names`, each database's ACL for its own Managers, and a log of
 * who changed what. Passwords and lockouts are the server's alone: they are set and lifted here,
 * never read.
 */
export function adminRoutes({ store, directory, administrator, now }: AdminRoutesOptions): Router {
  const router = Router();
  const names = { find: (id: string) => store.database('names').find(id), save: (doc: Doc, ctx: SaveContext) => store.database('names').save(doc, ctx) };
  const sessions = new SessionStore(store);

  const acting = (res: Response, db: DbName = 'names') => {
    const admin = administrator(res);
    if (admin.level(db) !== 'manager') throw adminRefusal('forbidden', `只有 ${db} 的管理者才能修改${db === 'names' ? '通讯录' : '其访问控制'}`, `Only Managers of ${db} may change ${db === 'names' ? 'the directory' : `its access control list`}`);
    const ctx: SaveContext = { user: admin.user, now: new Date(now()).toISOString() };
    const log = (action: string, target: string, detail?: string) =>
      appendAdminLog(store, { at: ctx.now, by: admin.by ?? admin.user.name, action, target, ...(detail ? { detail } : {}) });
    return { ctx, log };
  };
  const existingPerson = (req: Request) => {
    const name = String(req.params.name);
    if (!directory.person(name)) throw adminRefusal('not_found', `通讯录中没有“${name}”`, `No person ${JSON.stringify(name)} in the directory`);
    return name;
  };

  router.get('/directory', async (_req, res) => {
    const admin = administrator(res);
    const managed = DB_NAMES.filter((db) => admin.level(db) === 'manager');
    if (managed.length === 0) throw adminRefusal('forbidden', '只有数据库的管理者才能管理它', 'Only Managers of a database administer it');
    const ofNames = managed.includes('names');
    res.json({
      people: ofNames ? await listPeople(store, now()) : [],
      groups: ofNames ? await listGroups(store) : [],
      acls: await listAcls(store, managed),
      managerOf: managed,
    });
  });

  router.get('/log', async (_req, res) => {
    acting(res);
    res.json({ entries: await readAdminLog(store) });
  });

  /** Adds a person or changes their fields; an empty text clears it. Their department is a group they are then a member of. */
  router.put('/people/:name', async (req, res) => {
    const { ctx, log } = acting(res);
    const name = String(req.params.name).trim();
    const body = objectBody(req);
    const current = (await names.find(personDocId(name))) as Doc | null;
    const doc: Doc = { status: 'active', ...current, _id: personDocId(name), form: 'Person', name };
    for (const key of PERSON_TEXT_FIELDS) {
      const value = optionalString(body, key);
      if (value === '') delete doc[key];
      else if (value !== undefined) doc[key] = value.trim();
    }
    const roles = optionalStrings(body, 'roles');
    if (roles) doc.roles = roles;
    const saved = await names.save(doc, ctx);
    await followDepartment(String(current?.department ?? ''), String(saved.department ?? ''), name, ctx);
    await log(current ? 'person.change' : 'person.add', name, describePerson(saved));
    res.json({ name, status: saved.status });
  });

  router.post('/people/:name/password', async (req, res) => {
    const { log } = acting(res);
    const name = existingPerson(req);
    const password = requiredString(objectBody(req), 'newPassword');
    checkNewPassword(password, name);
    await setPassword(store, name, password, now());
    await sessions.endAll(name);
    await log('person.password', name, 'password set, lockout lifted, sessions ended');
    res.status(204).end();
  });

  router.post('/people/:name/unlock', async (req, res) => {
    const { log } = acting(res);
    const name = existingPerson(req);
    await updateCredentials(store, name, (current) => current && { ...current, ...NO_FAILURES });
    await log('person.unlock', name);
    res.status(204).end();
  });

  router.post('/people/:name/leave', async (req, res) => {
    const { ctx, log } = acting(res);
    const name = existingPerson(req);
    await markLeft(store.database('names'), name, ctx);
    await log('person.leave', name, 'left: may no longer sign in; what they wrote keeps naming them');
    res.status(204).end();
  });

  /** Creates a group (a department is one) or replaces its members: people or other groups, which nest. */
  router.put('/groups/:name', async (req, res) => {
    const { ctx, log } = acting(res);
    const name = String(req.params.name).trim();
    const body = objectBody(req);
    const members = [...new Set(optionalStrings(body, 'members') ?? [])];
    const groups = new Set((await listGroups(store)).map((g) => g.name));
    const unknown = members.filter((m) => !directory.person(m) && !groups.has(m));
    if (unknown.length > 0) throw adminRefusal('bad_request', `既不是人员也不是组：${unknown.join('、')}`, `Neither a person nor a group: ${unknown.join(', ')}`);
    if (members.includes(name)) throw adminRefusal('bad_request', '组不能是它自己的成员', 'A group cannot be a member of itself');
    const current = (await names.find(groupDocId(name))) as Doc | null;
    const description = optionalString(body, 'description');
    const head = optionalStrings(body, 'head');
    const notPeople = (head ?? []).filter((h) => !directory.person(h));
    if (notPeople.length > 0) throw createError('bad_request', `The head must be people of the directory: ${notPeople.join(', ')}`);
    const doc: Doc = { ...current, _id: groupDocId(name), form: 'Group', name, members };
    if (description === '') delete doc.description;
    else if (description !== undefined) doc.description = description;
    if (head?.length === 0) delete doc.head;
    else if (head !== undefined) doc.head = [...new Set(head)];
    await names.save(doc, ctx);
    await log(current ? 'group.change' : 'group.add', name, members.join(', '));
    res.json({ name, members });
  });

  /** Replaces a database's ACL (default level and entries); one entry at least must stay Manager. */
  router.put('/acls/:db', async (req, res) => {
    const db = String(req.params.db);
    if (!isDbName(db)) throw createError('not_found', `No database ${JSON.stringify(db)}; the databases are ${DB_NAMES.join(', ')}`);
    const { ctx, log } = acting(res, db);
    const body = objectBody(req);
    const defaultLevel = requiredString(body, 'defaultLevel');
    if (!ACCESS_LEVELS.includes(defaultLevel as AccessLevel)) throw createError('bad_request', `defaultLevel must be one of ${ACCESS_LEVELS.join(', ')}`);
    const entries = body.entries;
    if (!Array.isArray(entries)) throw createError('bad_request', 'The body must have the list "entries"');
    const current = (await names.find(aclDocId(db))) as Doc | null;
    const hasManager = (list: unknown) => Array.isArray(list) && list.some((e) => (e as { level?: unknown } | null)?.level === 'manager');
    if (hasManager(current?.entries) && !hasManager(entries)) {
      throw adminRefusal('bad_request', '必须保留至少一位管理者，否则再也没有人能修改此数据库的访问控制', 'Someone must stay Manager of the database, or nobody could change its access control list again');
    }
    await names.save({ ...current, _id: aclDocId(db), form: 'ACL', db, defaultLevel, entries }, ctx);
    await log('acl.change', db, describeAcl(defaultLevel, entries as AclEntryListing[]));
    res.json((await listAcls(store, [db]))[0]);
  });

  /** Makes someone an administrator (create-admin): only for whoever manages every database. */
  router.post('/administrators/:name', async (req, res) => {
    for (const db of DB_NAMES) acting(res, db);
    const { ctx, log } = acting(res);
    const name = String(req.params.name).trim();
    const password = requiredString(objectBody(req), 'password');
    checkNewPassword(password, name);
    await makeAdministrator(store, name, password, ctx);
    await log('person.admin', name, `${ADMIN_ROLE}, Manager of ${DB_NAMES.join(', ')}`);
    res.status(204).end();
  });

  /** A person's department names the group they belong to for it: moving department moves them. */
  async function followDepartment(before: string, after: string, person: string, ctx: SaveContext): Promise<void> {
    if (before === after) return;
    for (const [group, change] of [[before, 'remove'], [after, 'add']] as const) {
      if (group === '') continue;
      const doc = (await names.find(groupDocId(group))) as Doc | null;
      const members = Array.isArray(doc?.members) ? doc.members.map(String) : [];
      const next = change === 'add' ? [...new Set([...members, person])] : members.filter((m) => m !== person);
      if (next.length === members.length && doc) continue;
      await names.save({ ...doc, _id: groupDocId(group), form: 'Group', name: group, members: next }, ctx);
    }
  }

  return router;
}

function describePerson(doc: Doc): string {
  const parts = PERSON_TEXT_FIELDS.flatMap((key) => (typeof doc[key] === 'string' ? [`${key} ${String(doc[key])}`] : []));
  const roles = Array.isArray(doc.roles) && doc.roles.length > 0 ? [`roles ${doc.roles.join(' ')}`] : [];
  return [...parts, ...roles].join('; ');
}

function describeAcl(defaultLevel: string, entries: readonly AclEntryListing[]): string {
  return [`-Default- ${defaultLevel}`, ...entries.map((e) => `${e.name} ${e.level}${e.roles?.length ? ` ${e.roles.join(' ')}` : ''}`)].join('; ');
}

function objectBody(req: Request): Record<string, unknown> {
  const body: unknown = req.body;
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw createError('bad_request', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

function optionalString(body: Record<string, unknown>, key: string): string | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw createError('bad_request', `"${key}" must be a string`);
  return value;
}

function requiredString(body: Record<string, unknown>, key: string): string {
  const value = optionalString(body, key);
  if (value === undefined) throw createError('bad_request', `The body must have the string "${key}"`);
  return value;
}

function optionalStrings(body: Record<string, unknown>, key: string): string[] | undefined {
  const value = body[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw createError('bad_request', `"${key}" must be a list of strings`);
  return value.map((v) => v.trim()).filter((v) => v !== '');
}

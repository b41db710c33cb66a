import type { AccessLevel } from '../../design/access/acl.js';
import { aclDocId } from '../../design/access/directory-ids.js';
import type { DbName } from '../../design/databases.js';
import type { Doc, SaveContext } from '../../design/form.js';
import type { Store } from '../store/store.js';
import { DEFAULT_LEVELS } from './default-acls.js';
import { saveNoticeOnce } from '../crm/save-notice-once.js';

/** The databases everyone should reach by default (the forum, the library), with their names for people. */
const SHARED: readonly { readonly db: DbName; readonly zh: string; readonly en: string }[] = [
  { db: 'discussion', zh: '论坛', en: 'the forum' },
  { db: 'library', zh: '知识库', en: 'the library' },
];

const LEVEL_NAMES: Partial<Record<AccessLevel, readonly [string, string]>> = { author: ['作者', 'Author'], reader: ['读者', 'Reader'] };

export function closedDatabaseNoticeId(db: DbName): string {
  return `closed-database-${db}`;
}

/**
 * Installs whose `create-admin` wrote No Access for the forum and the library keep that ACL (an
 * administrator may have meant it, so it is not changed): while such a database has No Access by
 * default and nobody but its Managers in its ACL, its Managers get a notice, once, in both
 * languages, saying that the staff cannot open it and where to give them access.
 * Returns the databases a notice was made for.
 */
export async function noticeClosedDatabases(store: Store, ctx: SaveContext): Promise<DbName[]> {
  const told: DbName[] = [];
  for (const { db, zh, en } of SHARED) {
    const acl = await store.database('names').find(aclDocId(db));
    if (!acl || acl.defaultLevel !== 'noAccess') continue;
    const entries = Array.isArray(acl.entries) ? (acl.entries as { name?: unknown; level?: unknown }[]) : [];
    const managers = entries.flatMap((entry) => (entry.level === 'manager' && typeof entry.name === 'string' ? [entry.name] : []));
    if (managers.length === 0 || entries.some((entry) => entry.level !== 'manager')) continue;
    const [levelZh, levelEn] = LEVEL_NAMES[DEFAULT_LEVELS[db]] ?? ['读者', 'Reader'];
    const notice: Doc = {
      _id: closedDatabaseNoticeId(db),
      form: 'Notice',
      kind: 'upgrade',
      recipients: managers,
      subject: `只有管理员能打开${zh} Only administrators can open ${en}`,
      body: [
        `${zh}（${db}）的访问控制默认为“无权访问”，除管理员外没有任何人能看到它。请在“系统管理 → 访问控制”中把默认级别改为“${levelZh}”，或为部门和人员添加条目。`,
        `The ACL of ${en} (${db}) gives No Access by default, so nobody but its administrators sees it. In Administration → Access control, set the default to ${levelEn}, or add entries for departments and people.`,
      ].join('\n'),
    };
    if (await saveNoticeOnce(store.database('crm'), notice, ctx)) told.push(db);
  }
  return told;
}

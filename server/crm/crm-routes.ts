import express, { Router, type Request } from 'express';
import { canRead } from '../../design/access/document-access.js';
import { MANAGER_ROLE } from '../../design/forms/crm-fields.js';
import type { Access } from '../../design/access/acl.js';
import type { UserContext } from '../../design/user.js';
import { officeDay } from '../../design/forms/time-zones.js';
import { GuanxiError } from '../../engine/errors.js';
import { rowsBeforeDay } from '../../engine/rows-before-day.js';
import { overdueContact } from '../../views/crm/customers.js';
import { overduePayments } from '../../views/crm/deals.js';
import type { OverdueListDef } from '../../views/overdue-list.js';
import type { Directory } from '../directory/directory.js';
import type { WhoIsAsking } from '../print/print-routes.js';
import { readViewRows } from '../print/read-view-rows.js';
import type { Database, Store } from '../store/store.js';
import { crmError } from './crm-errors.js';
import { dealsForStatistics } from './deals-for-statistics.js';
import { handOverCandidates } from './hand-over-candidates.js';
import { readCrmSettings } from './crm-settings.js';
import { handedOver, handOverFrom, type HandOverScope } from './hand-over.js';
import { salesStatistics } from './statistics.js';
import { targetsSeenBy } from './sales-targets.js';
import { updateDoc } from './update-doc.js';

export interface CrmRouterOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly whoIsAsking: WhoIsAsking;
  /** ISO time now; tests inject their clock. */
  readonly now: () => string;
}

/**
 * The CRM's server actions, behind sign-in, with their full paths:
 *
 * - `POST /api/crm/hand-over` `{to, customerId | dealId | from}` (managers): 业务移交
 * - `POST /api/crm/deals/:id/urge` `{message?}` (managers): 业务催办
 * - `GET /api/crm/statistics?period=2026|2026-03`: won against target, the period's pipeline weighted and by stage, in a base currency too
 * - `GET /api/crm/overdue-payments?today=`, `GET /api/crm/overdue-contact?today=`
 */
export function createCrmRouter({ store, directory, whoIsAsking, now }: CrmRouterOptions): Router {
  const router = Router();
  router.use('/api/crm', express.json({ limit: '1mb' }));
  const crm = () => store.database('crm');

  const manager = (res: express.Response): { user: UserContext; access: Access } => {
    const asking = whoIsAsking(res, 'crm');
    if (!asking.access.names.has(MANAGER_ROLE) || asking.access.level === 'noAccess') {
      throw crmError('forbidden', 'user', `只有经理（${MANAGER_ROLE}）可以执行此操作`, `Only managers (${MANAGER_ROLE}) may do this`);
    }
    return asking;
  };

  router.post('/api/crm/hand-over', async (req, res) => {
    const { user, access } = manager(res);
    const { to, scope } = parseHandOver(req.body);
    const person = directory.person(to);
    if (!person || person.status === 'left') throw crmError('bad_request', 'to', `通讯录中没有在职人员“${to}”`, `No one named “${to}” works here`);
    const at = now();
    const { docs, customer } = await handOverCandidates(crm(), scope);
    if (!('from' in scope) && !docs.some((doc) => handOverFrom(doc, scope, []) !== null && canRead(access, doc))) {
      throw crmError('not_found', 'customerId' in scope ? 'customerId' : 'dealId', '找不到要移交的客户或业务', 'No such customer or deal to hand over');
    }
    const customerOwners = Array.isArray(customer?.owner) ? customer.owner.map(String) : [];
    const moved: { id: string; form: string }[] = [];
    const failed: { id: string; reason: string }[] = [];
    for (const doc of docs) {
      if (handOverFrom(doc, scope, customerOwners) === null || !canRead(access, doc)) continue;
      try {
        await updateDoc(crm(), doc._id!, (current) => {
          const from = handOverFrom(current, scope, customerOwners);
          return from === null ? null : handedOver(current, from, to, user.name, at);
        }, () => ({ user, now: at }));
        moved.push({ id: doc._id!, form: String(doc.form) });
      } catch (error) {
        failed.push({ id: doc._id!, reason: error instanceof GuanxiError ? error.reason : String(error) });
      }
    }
    if (moved.length > 0) {
      await crm().save({
        form: 'Notice', kind: 'handover', recipients: [to],
        subject: `${user.name} 移交给您 ${moved.length} 份客户资料和业务 / handed over ${moved.length} records to you`,
        body: moved.map((m) => `${m.form} ${m.id}`).join('\n'),
        linkDb: 'crm', linkId: 'customerId' in scope ? scope.customerId : 'dealId' in scope ? scope.dealId : undefined,
      }, { user, now: at });
    }
    res.json({ moved, failed });
  });

  router.post('/api/crm/deals/:id/urge', async (req, res) => {
    const { user, access } = manager(res);
    const message = (req.body as { message?: unknown } | undefined)?.message;
    if (message !== undefined && (typeof message !== 'string' || message.length > 2000)) {
      throw crmError('bad_request', 'message', '催办内容必须是不超过 2000 字的文本', 'The message must be text of at most 2000 characters');
    }
    const at = now();
    const deal = await readableDeal(crm(), req.params.id!, access);
    const saved = await updateDoc(crm(), deal._id, (current) => ({
      ...current,
      urges: [...(Array.isArray(current.urges) ? current.urges : []), { by: user.name, at, ...(message ? { message } : {}) }],
    }), () => ({ user, now: at }));
    const owners = Array.isArray(deal.owner) ? deal.owner.map(String) : [];
    if (owners.length > 0) {
      await crm().save({
        form: 'Notice', kind: 'urge', recipients: owners,
        subject: `催办：${String(deal.name)} / Urged: ${String(deal.name)}`,
        body: message ?? '', linkDb: 'crm', linkId: deal._id,
      }, { user, now: at });
    }
    res.json(saved);
  });

  router.get('/api/crm/statistics', async (req, res) => {
    const { access } = whoIsAsking(res, 'crm');
    const period = queryText(req, 'period') ?? officeDay(now()).slice(0, 4);
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) throw crmError('bad_request', 'period', '期间应为年份（2026）或月份（2026-03）', 'The period is a year (2026) or a month (2026-03)');
    const deals = (await dealsForStatistics(crm(), period)).filter((doc) => canRead(access, doc));
    res.json(salesStatistics(deals, period, await readCrmSettings(crm()), await targetsSeenBy(crm(), access)));
  });

  router.get('/api/crm/overdue-payments', async (req, res) => {
    const { access } = whoIsAsking(res, 'crm');
    res.json({ rows: await overdueRows(crm(), overduePayments, day(req, now), access) });
  });

  router.get('/api/crm/overdue-contact', async (req, res) => {
    const { access } = whoIsAsking(res, 'crm');
    res.json({ rows: await overdueRows(crm(), overdueContact, day(req, now), access) });
  });

  return router;
}

async function readableDeal(crm: Database, id: string, access: Access) {
  const notFound = () => crmError('not_found', 'id', '找不到该业务', 'No such deal');
  const deal = await crm.find(id);
  if (deal?.form !== 'Deal' || !canRead(access, deal)) throw notFound();
  return deal;
}

function parseHandOver(body: unknown): { to: string; scope: HandOverScope } {
  const { to, customerId, dealId, from } = (body ?? {}) as Record<string, unknown>;
  if (typeof to !== 'string' || to.trim() === '') throw crmError('bad_request', 'to', '请指定接手人', 'Say who takes over (to)');
  const given = [customerId, dealId, from].filter((v) => v !== undefined);
  if (given.length !== 1 || typeof given[0] !== 'string' || given[0] === '') {
    throw crmError('bad_request', 'scope', '请指定一个客户（customerId）、一个业务（dealId）或原负责人（from）', 'Name one customer (customerId), one deal (dealId) or the person whose records move (from)');
  }
  const scope: HandOverScope = customerId !== undefined ? { customerId: String(customerId) } : dealId !== undefined ? { dealId: String(dealId) } : { from: String(from) };
  if ('from' in scope && scope.from === to) throw crmError('bad_request', 'to', '接手人与原负责人相同', 'The records already belong to that person');
  return { to, scope };
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw crmError('bad_request', name, `参数 ${name} 只能给一次`, `Query parameter ${name} must be given once`);
  return value;
}

function day(req: Request, now: () => string): string {
  const today = queryText(req, 'today') ?? officeDay(now());
  if (!/^\d{4}-\d{2}-\d{2}$/.test(today)) throw crmError('bad_request', 'today', '日期格式应为 YYYY-MM-DD', 'today must be a date YYYY-MM-DD');
  return today;
}

/** An overdue list as `viewer` may read it on `today`: its view's rows up to (not including) today. */
async function overdueRows(crm: Database, list: OverdueListDef, today: string, viewer: Access) {
  const rows: { id: string; values: unknown[] }[] = [];
  for await (const row of readViewRows(crm, list.viewId, {}, viewer)) {
    const before = rowsBeforeDay([row], today);
    if (before.cut) break;
    if (row.kind === 'document') rows.push({ id: row.id, values: row.values });
  }
  return rows;
}

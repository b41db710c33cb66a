import { Router, type Request } from 'express';
import { canRead } from '../../design/access/document-access.js';
import { fieldError } from '../../design/field-error.js';
import type { Doc } from '../../design/form.js';
import { EXPENSE_CATEGORIES, lineFor } from '../../design/forms/expense-claim.js';
import { reportPeriod } from '../../design/forms/work-report.js';
import type { Lang } from '../../design/label.js';
import { officeDay } from '../../design/forms/time-zones.js';
import type { ExpenseRow, ExpenseStatistics } from '../../engine/expense-figures.js';
import { createError } from '../../engine/errors.js';
import { readCrmSettings } from '../crm/crm-settings.js';
import { writeCsv } from '../exchange/csv-write.js';
import { langOf } from '../print/print-request.js';
import { sendFile, type WhoIsAsking } from '../print/print-routes.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { readRouteDirectory } from '../approvals/route-directory.js';
import { expenseStatistics } from './expense-statistics.js';
import { missingReports } from './missing-reports.js';

/**
 * The office's answers that need the server:
 * - `GET /api/office/expense-statistics?period=2026|2026-03[&format=csv&lang=zh|en]`: the period's
 *   approved and paid expenses the asker may read (engine/expense-figures.ts), or the same as CSV;
 * - `GET /api/office/missing-reports?kind=weekly&date=2026-03-10`: who has not submitted the
 *   period's report to the asker, a department head or manager (engine/missing-reports.ts).
 */
export function createOfficeRouter({ store, whoIsAsking, now = Date.now }: { store: Store; whoIsAsking: WhoIsAsking; now?: () => number }): Router {
  const router = Router();
  router.get('/api/office/expense-statistics', async (req, res) => {
    const { access } = whoIsAsking(res, 'office');
    const crmAccess = whoIsAsking(res, 'crm').access;
    const period = queryText(req, 'period') ?? officeDay(new Date(now()).toISOString()).slice(0, 4);
    if (!/^\d{4}(-(0[1-9]|1[0-2]))?$/.test(period)) {
      throw createError('bad_request', 'The period is a year (2026) or a month (2026-03)', [fieldError('period', 'format', '期间应为年份（2026）或月份（2026-03）', 'The period is a year (2026) or a month (2026-03)')]);
    }
    const claims = (await docsOfView(store.database('office'), 'expenses-by-status', (status) => status === 'approved' || status === 'completed'))
      .filter((doc) => canRead(access, doc));
    const crm = store.database('crm');
    const deals = new Map<string, Doc>();
    const dealIds = claims.flatMap((c) => (Array.isArray(c.lines) ? (c.lines as Doc[]) : []).map((line) => lineFor(c, line).dealId));
    for (const id of new Set(dealIds.filter((id) => id !== ''))) {
      const deal = await crm.find(id);
      if (deal?.form === 'Deal' && canRead(crmAccess, deal)) deals.set(id, deal);
    }
    const stats = expenseStatistics(claims, deals, period, await readCrmSettings(crm));
    const format = queryText(req, 'format');
    if (format === undefined) return void res.json(stats);
    if (format !== 'csv') throw createError('bad_request', 'format must be csv');
    sendFile(res, { body: statisticsCsv(stats, langOf(req.query.lang)), type: 'text/csv; charset=utf-8', filename: `expenses-${period}.csv` });
  });

  router.get('/api/office/missing-reports', async (req, res) => {
    const { user } = whoIsAsking(res, 'office');
    const kind = queryText(req, 'kind') ?? 'weekly';
    if (!['daily', 'weekly', 'monthly'].includes(kind)) throw createError('bad_request', 'kind must be daily, weekly or monthly', [fieldError('kind', 'choice', '类型应为日报、周报或月报', 'The kind is daily, weekly or monthly')]);
    const date = queryText(req, 'date') ?? officeDay(new Date(now()).toISOString());
    if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || Number.isNaN(Date.parse(date))) throw createError('bad_request', 'date must be YYYY-MM-DD', [fieldError('date', 'format', '日期格式应为 2026-03-10', 'The date is written 2026-03-10')]);
    const period = reportPeriod(kind, date);
    const reports = await docsOfView(store.database('office'), 'reports-by-period', (title) => title === period);
    const answer = missingReports(user, await readRouteDirectory(store, now()), reports, kind, period);
    if (!answer) throw createError('forbidden', 'Only a department head or a manager sees who has not submitted', [fieldError('kind', 'rule', '只有部门负责人或经理可以查看未交报告的人员', 'Only a department head or a manager sees who has not submitted')]);
    res.json(answer);
  });
  return router;
}

const HEADER = {
  zh: ['分组', '名称', '报销单数', '金额', '已付款', '业务金额', '业务币种', '业务金额（本位币）', '本位币'],
  en: ['Group', 'Name', 'Claims', 'Amount', 'Paid', 'Deal value', 'Deal currency', 'Deal value (base)', 'Base currency'],
} as const;

const GROUPS = {
  byPerson: { zh: '人员', en: 'Person' },
  byDepartment: { zh: '部门', en: 'Department' },
  byCategory: { zh: '类别', en: 'Category' },
  byCustomer: { zh: '客户', en: 'Customer' },
  byDeal: { zh: '业务', en: 'Deal' },
} as const;

function statisticsCsv(stats: ExpenseStatistics, lang: Lang): string {
  const category = (value: string) => EXPENSE_CATEGORIES.find((c) => c.value === value)?.label[lang] ?? value;
  const rows = (Object.keys(GROUPS) as (keyof typeof GROUPS)[]).flatMap((group) => (stats[group] as readonly (ExpenseRow & { value?: number | null; valueCurrency?: string | null; valueInBase?: number | null })[]).map((row) => [
    GROUPS[group][lang], group === 'byCategory' ? category(row.key) : row.name, row.claims, row.amount.toFixed(2), row.paid.toFixed(2),
    row.value ?? '', row.valueCurrency ?? '', row.valueInBase ?? '', stats.baseCurrency,
  ]));
  return writeCsv(HEADER[lang], rows);
}

function queryText(req: Request, name: string): string | undefined {
  const value = req.query[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw createError('bad_request', `Query parameter ${name} must be given once`);
  return value;
}

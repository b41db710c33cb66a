import { defineView, type ColumnDef } from '../view-def.js';
import { defineOverdueList } from '../overdue-list.js';

const opened = { title: { zh: '立项日期', en: 'Opened' }, field: 'opened', sort: 'desc' } as const;
const name = { title: { zh: '业务名称', en: 'Deal' }, field: 'name', sort: 'asc' } as const;
const number = { title: { zh: '编号', en: 'Number' }, field: 'number' } as const;
const customer = { title: { zh: '客户', en: 'Customer' }, field: 'customerName' } as const;
const stage = { title: { zh: '阶段', en: 'Stage' }, field: 'stage' } as const;
const owner = { title: { zh: '负责人', en: 'Owner' }, field: 'owner' } as const;
const currency = { title: { zh: '币种', en: 'Currency' }, field: 'currency' } as const;
const amount = { title: { zh: '预计金额', en: 'Amount' }, field: 'amount', total: true } as const;

function dealsBy(id: string, zh: string, en: string, category: ColumnDef, rest: readonly ColumnDef[]) {
  return defineView({ id, db: 'crm', name: { zh: `业务\\${zh}`, en: `Deals\\${en}` }, forms: ['Deal'], columns: [category, ...rest] });
}

export const dealsByStatus = dealsBy('deals-by-status', '按状态', 'By Status',
  { title: { zh: '状态', en: 'Status' }, field: 'status', categorized: true },
  [opened, name, number, customer, stage, owner, currency, amount]);

export const dealsByOwner = dealsBy('deals-by-owner', '按负责人', 'By Owner',
  { title: { zh: '负责人', en: 'Owner' }, field: 'owner', categorized: true },
  [opened, name, number, customer, stage, currency, amount]);

export const dealsByStage = defineView({
  id: 'deals-by-stage',
  db: 'crm',
  name: { zh: '业务\\按阶段', en: 'Deals\\By Stage' },
  forms: ['Deal'],
  where: [{ field: 'status', eq: 'tracking' }],
  columns: [{ title: { zh: '阶段', en: 'Stage' }, field: 'stage', categorized: true }, opened, name, number, customer, owner, currency, amount],
});

export const dealsByMonth = dealsBy('deals-by-month', '按月份', 'By Month',
  { title: { zh: '月份', en: 'Month' }, field: 'opened', part: 'month', categorized: true, sort: 'desc' },
  [name, amount]);

/** Won and completed deals by the month they were won, with order and received totals. */
export const dealsClosed = defineView({
  id: 'deals-closed',
  db: 'crm',
  name: { zh: '业务\\成交业务', en: 'Deals\\Closed' },
  forms: ['Deal'],
  where: [{ field: 'status', in: ['won', 'completed'] }],
  columns: [
    { title: { zh: '签约月份', en: 'Won in' }, field: 'wonDate', part: 'month', categorized: true, sort: 'desc' },
    { title: { zh: '签约日期', en: 'Won on' }, field: 'wonDate', sort: 'desc' },
    name, number, customer, owner, currency,
    { title: { zh: '合同金额', en: 'Order total' }, field: 'orderTotal', total: true },
    { title: { zh: '已收款', en: 'Received' }, field: 'received', total: true },
  ],
});

/**
 * Deals with a payment not received in full, by its due date, earliest first: the ones overdue
 * are those at the top whose date is before today. Which those are depends on the day, so the
 * view keeps the date as its key and the server's `/api/crm/overdue-payments` cuts at today.
 */
export const dealsPaymentsDue = defineView({
  id: 'deals-payments-due',
  db: 'crm',
  name: { zh: '业务\\应收款', en: 'Deals\\Payments Due' },
  forms: ['Deal'],
  where: [{ field: 'nextPaymentDue', exists: true }],
  columns: [
    { title: { zh: '应收日期', en: 'Due' }, field: 'nextPaymentDue', sort: 'asc' },
    name, number, customer, owner, currency,
    { title: { zh: '合同金额', en: 'Order total' }, field: 'orderTotal', total: true },
    { title: { zh: '已收款', en: 'Received' }, field: 'received', total: true },
  ],
});

/** The payments due before today and not received in full: 逾期付款. */
export const overduePayments = defineOverdueList({
  id: 'overdue-payments',
  db: 'crm',
  name: { zh: '业务\\逾期付款', en: 'Deals\\Overdue Payments' },
  viewId: dealsPaymentsDue.id,
});

/** Open deals by the month they are expected to close (none: not dated yet): the pipeline of each period. */
export const dealsPipeline = defineView({
  id: 'deals-pipeline',
  db: 'crm',
  name: { zh: '业务\\预计成交', en: 'Deals\\Pipeline by Close Month' },
  forms: ['Deal'],
  where: [{ field: 'status', eq: 'tracking' }],
  columns: [
    { title: { zh: '预计成交月份', en: 'Closes in' }, field: 'expectedClose', part: 'month', categorized: true },
    { title: { zh: '预计成交日期', en: 'Expected close' }, field: 'expectedClose', sort: 'asc' },
    name, number, customer, stage, owner, currency, amount,
  ],
});

import { addDays } from '../../design/forms/contact-due.js';
import { MANAGER, SALESPEOPLE } from './demo-catalogue.js';
import type { DemoRecord } from './demo-data.js';

/**
 * What each demo salesperson's home page and weekly review have to show: next actions in several
 * contexts (one overdue), a project without a next action, an action delegated to a colleague two
 * weeks ago, a someday item; the sales director's bulletin and a message to the salespeople.
 */
export function demoDayRecords(today: string): DemoRecord[] {
  const records: DemoRecord[] = [];
  SALESPEOPLE.forEach(({ name }, i) => {
    const colleague = SALESPEOPLE[(i + 1) % SALESPEOPLE.length]!.name;
    const action = (n: number, doc: Record<string, unknown>) => records.push({ by: name, doc: { _id: `demo-action-${i + 1}-${n}`, form: 'Action', owner: [name], ...doc } });
    action(1, { subject: '整理本周询价并报价', status: 'next', context: 'office', due: addDays(today, 2) });
    action(2, { subject: '电话确认样品是否收到', status: 'next', context: 'phone', due: addDays(today, -3) });
    action(3, { subject: '准备广交会展位资料', status: 'next', context: 'fair' });
    action(4, { subject: '请同事核对装箱单', status: 'waiting', delegatedTo: [colleague], waitingSince: addDays(today, -14) });
    action(5, { subject: '研究东南亚新市场', status: 'someday' });
    records.push({ by: name, doc: { _id: `demo-project-${i + 1}`, form: 'ActionProject', subject: '开发德国经销商', owner: [name], status: 'active' } });
  });
  records.push({ by: MANAGER.name, doc: {
    _id: 'demo-bulletin-1', form: 'Bulletin', subject: '春季广交会参展安排', category: 'sales', expires: addDays(today, 30),
    body: '本届广交会我司展位在 12.1 馆，请各位业务员提前一周提交邀约客户名单。',
  } });
  records.push({ by: MANAGER.name, doc: {
    _id: 'demo-message-1', form: 'Message', to: SALESPEOPLE.map((p) => p.name), subject: '本周五下午销售例会',
    body: '请带上本月的客户跟进表和逾期收款清单。',
  } });
  return records;
}

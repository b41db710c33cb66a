import { groupDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { savePerson } from '../../server/directory/directory-edits.js';
import type { Directory } from '../../server/directory/directory.js';
import type { Store } from '../../server/store/store.js';
import { seedDirectory, SEED_CTX, type PersonSeed } from '../helpers/directory-seed.js';

/** The office of the tests: a sales department with its head, a director, finance, and someone of another department. */
export const SALES = '销售部';
export const FILER = '王芳';
export const HEAD = '刘主管';
export const DIRECTOR = '周总';
export const FINANCE = '钱会计';
export const OTHER = '赵敏';

export const OFFICE_PEOPLE: readonly Omit<PersonSeed, 'password'>[] = [
  { name: FILER, access: { crm: 'author' } },
  { name: HEAD, access: { crm: 'author' } },
  { name: DIRECTOR, roles: ['[Director]', '[Manager]'], access: { crm: 'editor' } },
  { name: FINANCE, roles: ['[Finance]'] },
  { name: OTHER },
];

/**
 * Puts the office's people into the directory (each with `password` when given), the sales
 * department with its head, and CRM settings converting USD at 7.2 into CNY.
 */
export async function seedOffice(store: Store, directory: Directory, password?: string): Promise<void> {
  await seedDirectory(store, directory, OFFICE_PEOPLE.map((p) => ({ ...p, ...(password ? { password } : {}) })), { [SALES]: [FILER, HEAD] });
  const names = store.database('names');
  for (const name of [FILER, HEAD]) await savePerson(names, name, { department: SALES }, SEED_CTX);
  await savePerson(names, OTHER, { department: '采购部' }, SEED_CTX);
  const group = await names.get(groupDocId(SALES));
  await names.save({ ...group, head: [HEAD] }, SEED_CTX);
  await store.database('crm').save({ _id: 'crm-settings', form: 'CrmSettings', baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7.2 }] }, SEED_CTX);
}

/** A claim of ¥5,000 and US$200 (¥1,440): over the director's threshold. */
export function claimOf(extra: Doc = {}): Doc {
  return {
    form: 'ExpenseClaim', subject: '汉堡展会差旅', kind: 'claim', dealId: 'deal-hb', dealName: '汉堡球阀订单', customerId: 'c-hb', customerName: '汉堡贸易有限公司',
    lines: [
      { date: '2026-03-05', category: 'travel', amount: 5000, currency: 'CNY', note: '上海—汉堡机票' },
      { date: '2026-03-06', category: 'hotel', amount: 200, currency: 'USD' },
    ],
    ...extra,
  };
}

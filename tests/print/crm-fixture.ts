import type { Doc } from '../../design/form.js';
import type { Store } from '../../server/store/store.js';
import { generateCustomers } from '../bench/generate-crm.js';
import { openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

const CONTACT_NAMES = ['张伟', '欧阳明', 'Jürgen Weiß', 'Mary O’Brien', '曾晓明', 'Élodie Durand', '单丽', 'Tom Chen'];
const DEPARTMENTS = ['采购部', 'Purchasing', '外贸部', '', 'Einkauf'];

/** Customers from the benchmark's generator and, for every second one, two contacts; all saved through the store. */
export async function seedCrm(store: Store, customerCount: number): Promise<{ customers: Doc[]; contacts: Doc[] }> {
  const crm = store.database('crm');
  // The CJK font has no Hangul, and what it cannot draw it cannot be checked for: 부산 is Busan here.
  const customers = generateCustomers(customerCount).map((doc) => JSON.parse(JSON.stringify(doc).replaceAll('부산', 'Busan')) as Doc);
  const contacts: Doc[] = customers.filter((_, i) => i % 2 === 0).flatMap((customer, i) => [0, 1].map((n) => ({
    _id: `contact${String(i * 2 + n).padStart(6, '0')}`,
    form: 'Contact',
    name: CONTACT_NAMES[(i * 2 + n) % CONTACT_NAMES.length]!,
    customerId: customer._id,
    customerName: customer.name,
    department: DEPARTMENTS[(i + n) % DEPARTMENTS.length]!,
    title: n === 0 ? '经理' : 'Buyer',
    phone: `+86 21 ${5550000 + i * 2 + n}`,
    mobile: `1380013${String(i * 2 + n).padStart(4, '0')}`,
    emails: [`person${i * 2 + n}@example.cn`],
  })));
  for (const docs of [customers, contacts]) {
    const results = await crm.saveMany(docs, saveContext());
    const refused = results.find((result) => !result.ok);
    if (refused) throw new Error(`seed refused: ${JSON.stringify(refused)}`);
  }
  return { customers, contacts };
}

/** Runs `work` on a fresh embedded store, removed afterwards. */
export async function withEmbeddedStore(work: (t: TestStore) => Promise<void>): Promise<void> {
  const t = await openTestStore('embedded');
  try {
    await work(t);
  } finally {
    await t.cleanup();
  }
}

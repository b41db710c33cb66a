import type { Doc } from '../../design/form.js';
import type { Store } from '../../server/store/store.js';
import { saveContext } from '../helpers/test-store.js';

/** Deals with every kind of field: several order lines, none, lists of entries, a lost one with its reason, leading zeros, line breaks. */
export async function seedDeals(store: Store): Promise<void> {
  const crm = store.database('crm');
  const customers: Doc[] = [
    { _id: 'c-hongda', form: 'Customer', name: '宁波宏达贸易有限公司', category: 'existing' },
    { _id: 'c-schmidt', form: 'Customer', name: 'Schmidt Haushaltswaren GmbH', category: 'potential', country: 'Germany' },
  ];
  const deals: Doc[] = [
    { form: 'Deal', name: '保温杯 2026 春季订单', number: 'D2026-0007', customerId: 'c-hongda', customerName: '宁波宏达贸易有限公司', owner: ['Alice', 'Bob'], opened: '2026-02-01',
      stage: 's10', status: 'won', amount: 52000, expectedClose: '2026-03-15', currency: 'CNY', contractNo: '00381', wonDate: '2026-03-02',
      competitors: [{ name: '永康杯业', strategy: '低价\n"包邮"' }],
      orderLines: [{ product: '500ml 不锈钢保温杯', quantity: 3000, price: 12.5 }, { product: '礼盒, 红色', quantity: 3000, price: 1.35 }, { product: 'Sample set', quantity: 2, price: 0 }],
      deliveries: [{ date: '2026-04-10', description: '第一批 1500 只', shipped: true }, { date: '2026-05-10', description: '第二批', shipped: false }],
      payments: [{ due: '2026-03-10', amount: 15000, received: 15000, receivedOn: '2026-03-09' }, { due: '2026-05-20', amount: 26610 }],
      notes: '客户要求\n外箱印中文唛头' },
    { form: 'Deal', name: 'GX-500 samples', number: 'D2026-0011', customerId: 'c-schmidt', customerName: 'Schmidt Haushaltswaren GmbH', owner: ['Bob'], opened: '2026-03-01',
      stage: 's10', status: 'lost', currency: 'EUR', lostReason: 'Price 8% above the Polish offer' },
    { form: 'Deal', name: 'Kettles 2026', number: 'D2026-0012', customerId: 'c-schmidt', customerName: 'Schmidt Haushaltswaren GmbH', owner: ['Bob'], opened: '2026-03-05',
      stage: 's10', status: 'tracking', currency: 'EUR', amount: 18000.75, orderLines: [{ product: 'Kettle 1.7 l, steel', quantity: 1200, price: 15.0625 }] },
  ];
  for (const docs of [customers, deals]) {
    const refused = (await crm.saveMany(docs, saveContext())).find((result) => !result.ok);
    if (refused) throw new Error(`seed refused: ${JSON.stringify(refused)}`);
  }
}


import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { VIEWS } from '../../views/catalog.js';
import { pick } from './random.js';

const SURNAMES = ['张', '王', '李', '赵', '陈', '曾', '单', 'Smith', 'Müller', 'García'];
const WORDS = ['贸易', '电子', 'Trading', '钢铁', 'Global', '进出口', '银行', '重庆', '西安', '先锋', 'ＡＢＣ'];
export const REGIONS = ['华东', '华南', '西北', '欧洲', 'North America', '東南亞'];

/** Every form some view selects, Customer twice as often: each view gets rows to compare. */
const FORMS_IN_VIEWS = ['Customer', ...new Set(VIEWS.flatMap((view) => view.def.forms))];

/** Documents of every form some view selects, with the fields the views read, as 李雷 or Wang saved them. */
export function randomDocs(random: () => number, n: number): Doc[] {
  const docs: Doc[] = [];
  for (let i = 0; i < n; i++) {
    const name = `${pick(random, SURNAMES)}${pick(random, WORDS)}${pick(random, WORDS)}`;
    const date = `202${Math.floor(random() * 6)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`;
    const form = pick(random, FORMS_IN_VIEWS);
    const parent = i > 0 && form === 'Response' ? docs[Math.floor(random() * i)]!._id : undefined;
    docs.push({
      _id: `doc${String(i).padStart(4, '0')}`, form, name, subject: name, parent,
      region: pick(random, [...REGIONS, undefined]), country: pick(random, ['中国', 'Deutschland', undefined]),
      customerName: name, customerId: 'x', owner: pick(random, [['李雷'], ['韩梅梅', '李雷'], []]),
      annualVolume: pick(random, [undefined, Math.round(random() * 100000) / 100]),
      amount: Math.round(random() * 1e6) / 100, status: pick(random, ['tracking', 'won', 'lost', 'completed', 'queued', 'sending', 'failed', 'pending', 'planned']),
      lead: pick(random, [true, false]), folder: pick(random, ['B2B询价', 'Messe', undefined]), due: date,
      opened: date, category: pick(random, [['产品'], ['产品', '市场'], undefined]),
      payments: pick(random, [undefined, [{ due: date, amount: 100, received: pick(random, [0, 100]) }]]),
      orderLines: pick(random, [undefined, [{ product: name, quantity: 3, price: 1.5 }]]),
      received: `${date}T08:00:00.000Z`, time: `${date}T09:30:00.000Z`, when: `${date}T10:00:00.000Z`, department: pick(random, ['售后部', '质量部', undefined]),
    });
  }
  return docs.map((doc, i) => prepareForSave(doc, null, { now: `2026-01-01T00:00:${String(i % 60).padStart(2, '0')}.000Z`, user: { name: pick(random, ['李雷', 'Wang']), roles: [] } }));
}


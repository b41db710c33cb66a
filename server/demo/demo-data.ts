import type { Doc } from '../../design/form.js';
import { addDays } from '../../design/forms/contact-due.js';
import {
  ACTIVITY_RESULTS, ACTIVITY_SUBJECTS, CATEGORIES, CITY_PROVINCES, COMPANY_ENDINGS, COMPANY_WORDS, COMPETITORS, DEPARTMENTS,
  FIRST_NAMES, INDUSTRIES, LAST_NAMES, MANAGER, MARKETS, PRODUCTS, SALESPEOPLE, SOURCES, TITLES, TRADES,
} from './demo-catalogue.js';
import { demoDayRecords } from './demo-day.js';
import { demoRandom, type DemoRandom } from './demo-random.js';

export const DEMO_CUSTOMERS = 300;
/** Who reads every demo record besides its owner: managers, and the administrator who loads it. */
export const DEMO_READER_ROLES = ['[Manager]', '[Admin]'];

/** One demo record and the salesperson who saves it (its creator). */
export interface DemoRecord {
  readonly by: string;
  readonly doc: Doc;
}

const pad = (n: number, width = 3) => String(n).padStart(width, '0');

/**
 * The demo company's customers (Chinese and foreign), their contacts, deals in every status with
 * order lines and payments, activities and appointments, dated around `today` so that the views
 * of overdue contact and payments have something to show; and the salespeople's actions, a
 * bulletin and a message (demoDayRecords). The same every time for the same day.
 */
export function demoRecords(today: string): DemoRecord[] {
  const random = demoRandom(20261123);
  const records: DemoRecord[] = [];
  for (let i = 1; i <= DEMO_CUSTOMERS; i++) {
    const owner = random.pick(SALESPEOPLE).name;
    const customer = demoCustomer(random, i, owner, today);
    records.push({ by: owner, doc: customer });
    const contacts = demoContacts(random, customer, random.int(1, 3));
    records.push(...contacts.map((doc) => ({ by: owner, doc })));
    for (let d = 1; d <= random.int(0, 3); d++) records.push({ by: owner, doc: demoDeal(random, customer, d, today) });
    for (let a = 1; a <= random.int(0, 5); a++) records.push({ by: owner, doc: demoActivity(random, customer, contacts[0]!, a, today) });
    if (random.chance(0.1)) {
      records.push({ by: owner, doc: {
        _id: `demo-appt-${pad(i)}`, form: 'Appointment', subject: `拜访 ${String(customer.shortName)}`, when: `${addDays(today, random.int(1, 20))}T02:00:00.000Z`,
        remind: [owner, MANAGER.name], customerId: customer._id, customerName: customer.name, readers: [], place: String(customer.city),
      } });
    }
  }
  return [...records, ...demoDayRecords(today)];
}

function demoCustomer(random: DemoRandom, i: number, owner: string, today: string): Doc {
  const [region, country, city, lang, , domainEnd] = random.pick(MARKETS);
  const word = random.pick(COMPANY_WORDS[lang]!);
  const name = lang === 'zh' ? `${city}${word}${random.pick(COMPANY_ENDINGS.zh!)}` : `${word} ${random.pick(TRADES)} ${random.pick(COMPANY_ENDINGS[lang]!)}`;
  const domain = `${word.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '') || 'kehu'}${i}.${domainEnd}`;
  return {
    _id: `demo-customer-${pad(i)}`,
    form: 'Customer',
    name,
    nameEn: lang === 'zh' ? `${city} ${random.pick(COMPANY_WORDS.en!)} Co., Ltd.` : undefined,
    shortName: word,
    category: random.pick(CATEGORIES),
    importance: random.pick(['A', 'B', 'B', 'C']),
    region, country, city, province: CITY_PROVINCES[city],
    industry: random.pick(INDUSTRIES),
    source: random.pick(SOURCES),
    owner: [owner],
    readers: [owner, ...DEMO_READER_ROLES],
    address: lang === 'zh' ? `${city}市经济开发区${random.int(1, 300)}号` : `${random.int(1, 400)} Industrial Road, ${city}`,
    postcode: String(random.int(10000, 99999)),
    phone: `+${lang === 'zh' ? '86 21' : '49 40'} ${random.int(1000000, 9999999)}`,
    email: `info@${domain}`,
    emailDomains: [domain],
    website: `https://www.${domain}`,
    tags: random.chance(0.3) ? [random.pick(['VIP', '老客户', 'OEM', '样品客户'])] : [],
    groups: random.chance(0.4) ? [random.pick(['2025广交会', '德国展会', '圣诞促销邮件'])] : [],
    annualVolume: random.int(20, 2000) * 1000,
    firstContact: addDays(today, -random.int(60, 2000)),
  };
}

function demoContacts(random: DemoRandom, customer: Doc, count: number): Doc[] {
  const lang = String(customer.country) === 'CN' ? 'zh' : MARKETS.find((m) => m[1] === customer.country)![3];
  const domain = (customer.emailDomains as string[])[0]!;
  return Array.from({ length: count }, (_, k) => {
    const first = random.pick(FIRST_NAMES[lang]!);
    const last = random.pick(LAST_NAMES[lang]!);
    const [deptZh, deptEn] = random.pick(DEPARTMENTS);
    const name = lang === 'zh' ? `${last}${first}` : `${first} ${last}`;
    const mailbox = lang === 'zh' ? `contact${k + 1}` : first.toLowerCase().normalize('NFD').replace(/[^a-z]/g, '');
    return {
      _id: `${String(customer._id).replace('customer', 'contact')}-${k + 1}`,
      form: 'Contact',
      name,
      customerId: customer._id,
      customerName: customer.name,
      department: lang === 'zh' ? deptZh : deptEn,
      title: lang === 'zh' ? deptZh.replace('部', '经理') : random.pick(TITLES),
      phone: customer.phone,
      emails: random.chance(0.3) ? [`${mailbox}@${domain}`, `${mailbox}${random.int(1, 99)}@gmail.com`] : [`${mailbox}@${domain}`],
    };
  });
}

function demoDeal(random: DemoRandom, customer: Doc, d: number, today: string): Doc {
  const owner = (customer.owner as string[])[0]!;
  const currency = MARKETS.find((m) => m[1] === customer.country)?.[4] ?? 'USD';
  const opened = addDays(today, -random.int(10, 400));
  const lines = Array.from({ length: random.int(1, 4) }, () => {
    const [product, price] = random.pick(PRODUCTS);
    return { product, quantity: random.int(1, 50) * 100, price };
  });
  const amount = Math.round(lines.reduce((sum, l) => sum + l.quantity * l.price, 0));
  const status = random.pick(['tracking', 'tracking', 'won', 'completed', 'lost']);
  const deal: Doc = {
    _id: `${String(customer._id).replace('customer', 'deal')}-${d}`,
    form: 'Deal',
    name: `${String(customer.shortName)} ${lines[0]!.product}`,
    customerId: customer._id,
    customerName: customer.name,
    owner: [owner],
    readers: [owner, ...DEMO_READER_ROLES],
    opened,
    stage: status === 'tracking' ? random.pick(['s10', 's30', 's50', 's70', 's90']) : status === 'lost' ? 's30' : 's100',
    status,
    amount,
    currency,
    // Open deals close some four months after they opened: a few are late, most lie ahead.
    ...(status === 'tracking' ? { expectedClose: addDays(opened, 120) } : {}),
    competitors: random.chance(0.4) ? [{ name: random.pick(COMPETITORS), strategy: random.pick(['低价', '交期短', 'Local stock']) }] : [],
  };
  if (status === 'lost') deal.lostReason = random.pick(['价格高于竞争对手 8%', '交期太长', 'Customer chose a local supplier']);
  if (status === 'won' || status === 'completed') {
    const wonDate = addDays(opened, random.int(5, 60));
    const firstDue = addDays(wonDate, 30);
    const deposit = Math.round(amount * 0.3);
    Object.assign(deal, {
      wonDate: wonDate > today ? today : wonDate,
      contractNo: `HT${wonDate.replace(/-/g, '').slice(0, 6)}-${random.int(100, 999)}`,
      orderLines: lines,
      deliveries: [{ date: addDays(wonDate, 45), description: '整柜海运 FOB Ningbo', shipped: status === 'completed' }],
      payments: [
        { due: wonDate, amount: deposit, received: deposit, receivedOn: wonDate },
        { due: firstDue, amount: amount - deposit, received: status === 'completed' ? amount - deposit : random.chance(0.5) ? 0 : Math.round((amount - deposit) / 2) },
      ],
    });
  }
  return deal;
}

function demoActivity(random: DemoRandom, customer: Doc, contact: Doc, a: number, today: string): Doc {
  const planned = random.chance(0.2);
  const day = planned ? addDays(today, random.int(1, 30)) : addDays(today, -random.int(1, 200));
  return {
    _id: `${String(customer._id).replace('customer', 'activity')}-${a}`,
    form: 'Activity',
    subject: random.pick(ACTIVITY_SUBJECTS),
    kind: random.pick(['call', 'email', 'email', 'visit', 'meeting']),
    status: planned ? 'planned' : 'done',
    when: `${day}T0${random.int(1, 9)}:30:00.000Z`,
    customerId: customer._id,
    customerName: customer.name,
    contactId: contact._id,
    contactName: contact.name,
    owner: customer.owner,
    result: planned ? undefined : random.pick(ACTIVITY_RESULTS),
  };
}

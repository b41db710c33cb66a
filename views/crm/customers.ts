import { defineView } from '../view-def.js';
import { defineOverdueList } from '../overdue-list.js';

const name = { title: { zh: '客户名称', en: 'Customer' }, field: 'name', sort: 'asc' } as const;
const city = { title: { zh: '城市', en: 'City' }, field: 'city' } as const;
const owner = { title: { zh: '业务员', en: 'Owner' }, field: 'owner' } as const;
const volume = { title: { zh: '年采购额', en: 'Annual volume' }, field: 'annualVolume', total: true } as const;

export const customersByRegion = defineView({
  id: 'customers-by-region',
  db: 'crm',
  name: { zh: '客户\\按地区', en: 'Customers\\By Region' },
  forms: ['Customer'],
  columns: [
    { title: { zh: '地区', en: 'Region' }, field: 'region', categorized: true },
    { title: { zh: '国家', en: 'Country' }, field: 'country', categorized: true },
    name, city, owner, volume,
  ],
});

export const customersByCategory = defineView({
  id: 'customers-by-category',
  db: 'crm',
  name: { zh: '客户\\按类别', en: 'Customers\\By Category' },
  forms: ['Customer'],
  columns: [
    { title: { zh: '类别', en: 'Category' }, field: 'category', categorized: true },
    name, city, owner, volume,
  ],
});

export const customersByOwner = defineView({
  id: 'customers-by-owner',
  db: 'crm',
  name: { zh: '客户\\按业务员', en: 'Customers\\By Owner' },
  forms: ['Customer'],
  columns: [
    { title: { zh: '业务员', en: 'Owner' }, field: 'owner', categorized: true },
    name, city, volume,
  ],
});

/** A customer in several groups (a mailing, a fair's visitors…) is under each: where batch faxes and mass mailings pick their groups. */
export const customersByGroup = defineView({
  id: 'customers-by-group',
  db: 'crm',
  name: { zh: '客户\\按分组', en: 'Customers\\By Group' },
  forms: ['Customer'],
  columns: [
    { title: { zh: '分组', en: 'Group' }, field: 'groups', categorized: true },
    name, city, owner,
    { title: { zh: '传真', en: 'Fax' }, field: 'fax' },
  ],
});

export const customersByName = defineView({
  id: 'customers-by-name',
  db: 'crm',
  name: { zh: '客户\\按名称', en: 'Customers\\By Name' },
  forms: ['Customer'],
  columns: [name, { title: { zh: '客户编号', en: 'Code' }, field: 'code' }, city, owner],
});

export const customersByIndustry = defineView({
  id: 'customers-by-industry',
  db: 'crm',
  name: { zh: '客户\\按行业', en: 'Customers\\By Industry' },
  forms: ['Customer'],
  columns: [
    { title: { zh: '行业', en: 'Industry' }, field: 'industry', categorized: true },
    name, city, owner, volume,
  ],
});

/**
 * Customers by the day their next contact is due (the last done activity plus their importance's
 * contact frequency, kept by the server), earliest first. Overdue means "before today", which a
 * map function cannot know; the view keeps the date as its key, so the overdue ones are its first
 * rows, and the server's `/api/crm/overdue-contact` cuts at today.
 */
export const customersContactDue = defineView({
  id: 'customers-contact-due',
  db: 'crm',
  name: { zh: '客户\\待联系', en: 'Customers\\Contact Due' },
  forms: ['Customer'],
  where: [{ field: 'nextContactDue', exists: true }],
  columns: [
    { title: { zh: '应联系日期', en: 'Contact due' }, field: 'nextContactDue', sort: 'asc' },
    name,
    { title: { zh: '重要程度', en: 'Importance' }, field: 'importance' },
    { title: { zh: '最近联系', en: 'Last contact' }, field: 'lastContact' },
    owner,
  ],
});

/** The customers whose next contact was due before today: nobody contacted them in time. */
export const overdueContact = defineOverdueList({
  id: 'overdue-contact',
  db: 'crm',
  name: { zh: '客户\\逾期未联系', en: 'Customers\\Overdue Contact' },
  viewId: customersContactDue.id,
});

import { defineView } from '../view-def.js';

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

export const customersByName = defineView({
  id: 'customers-by-name',
  db: 'crm',
  name: { zh: '客户\\按名称', en: 'Customers\\By Name' },
  forms: ['Customer'],
  columns: [name, { title: { zh: '客户编号', en: 'Code' }, field: 'code' }, city, owner],
});

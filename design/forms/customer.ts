import { defineForm } from '../form.js';
import { choices } from './choices.js';

export const CUSTOMER_CATEGORIES = choices({
  existing: ['现有客户', 'Existing'],
  potential: ['潜在客户', 'Potential'],
  partner: ['合作伙伴', 'Partner'],
  agent: ['代理商', 'Agent'],
});

export const customerForm = defineForm({
  name: 'Customer',
  label: { zh: '客户资料', en: 'Customer' },
  db: 'crm',
  titleField: 'name',
  fields: {
    code: { type: 'text', label: { zh: '客户编号', en: 'Code' }, sortable: true, maxLength: 40 },
    name: { type: 'text', label: { zh: '客户名称', en: 'Name' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    nameEn: { type: 'text', label: { zh: '外文名称', en: 'Name (foreign)' }, maxLength: 200 },
    shortName: { type: 'text', label: { zh: '简称', en: 'Short name' }, sortable: true, maxLength: 60, pinyin: true },
    category: { type: 'choice', label: { zh: '客户类别', en: 'Category' }, sortable: true, required: true, choices: CUSTOMER_CATEGORIES, default: 'potential' },
    importance: { type: 'choice', label: { zh: '重要程度', en: 'Importance' }, sortable: true, choices: choices({ A: ['A', 'A'], B: ['B', 'B'], C: ['C', 'C'] }), default: 'B' },
    region: { type: 'text', label: { zh: '地区', en: 'Region' }, sortable: true, maxLength: 60 },
    country: { type: 'text', label: { zh: '国家', en: 'Country' }, sortable: true, maxLength: 60 },
    province: { type: 'text', label: { zh: '省份', en: 'Province' }, sortable: true, maxLength: 60 },
    city: { type: 'text', label: { zh: '城市', en: 'City' }, sortable: true, maxLength: 60 },
    industry: { type: 'text', label: { zh: '行业', en: 'Industry' }, sortable: true, maxLength: 60 },
    source: { type: 'text', label: { zh: '客户来源', en: 'Source' }, sortable: true, maxLength: 60 },
    owner: { type: 'names', label: { zh: '业务员', en: 'Owner' }, sortable: true },
    address: { type: 'textarea', label: { zh: '地址', en: 'Address' }, maxLength: 500 },
    postcode: { type: 'text', label: { zh: '邮编', en: 'Postcode' }, maxLength: 20 },
    phone: { type: 'phone', label: { zh: '电话', en: 'Phone' } },
    fax: { type: 'phone', label: { zh: '传真', en: 'Fax' } },
    email: { type: 'email', label: { zh: '电子邮件', en: 'E-mail' } },
    website: { type: 'url', label: { zh: '网址', en: 'Website' } },
    tags: { type: 'keywords', label: { zh: '标签', en: 'Tags' }, sortable: true },
    annualVolume: { type: 'number', label: { zh: '年采购额', en: 'Annual volume' }, min: 0 },
    firstContact: { type: 'date', label: { zh: '首次联系', en: 'First contact' } },
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
  },
  defaultAuthors: (doc, ctx) => [...new Set([ctx.user.name, ...(Array.isArray(doc.owner) ? doc.owner.map(String) : [])])],
});

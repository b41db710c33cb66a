import { defineForm, type ChoicesFrom } from '../form.js';
import { choices } from './choices.js';
import { nextContactDue } from './contact-due.js';
import { choiceByName } from '../reference/choice-by-name.js';
import { COUNTRIES, countryCode } from '../reference/countries.js';
import { INDUSTRIES } from '../reference/industries.js';
import { CHINA_PROVINCES, provinceCode } from '../reference/provinces.js';
import { REGIONS, regionCode } from '../reference/regions.js';
import { configuredCategories, bilingualRows, CRM_SETTINGS_ID, customFieldNames } from './crm-configured.js';
import { ownerAuthors, ownerHistory, ownerReaders, salespersonOwner } from './crm-fields.js';
import { timeZoneField } from './time-zones.js';

/** The built-in categories; an administrator adds more in the CRM settings (`customerCategories`). */
/** The customer groups in use, offered wherever a group is named (a customer's groups, a batch fax, a mass mailing). */
export const CUSTOMER_GROUPS_IN_USE = { db: 'crm', viewId: 'customers-by-group' } as const;

export const CUSTOMER_CATEGORIES = choices({
  existing: ['现有客户', 'Existing'],
  potential: ['潜在客户', 'Potential'],
  partner: ['合作伙伴', 'Partner'],
  agent: ['代理商', 'Agent'],
});

/** The built-in categories and those an administrator added. */
const categoriesFromSettings: ChoicesFrom = { docId: CRM_SETTINGS_ID, choices: (settings) => [...CUSTOMER_CATEGORIES, ...configuredCategories(settings)] };

export const IMPORTANCE = choices({ A: ['A', 'A'], B: ['B', 'B'], C: ['C', 'C'] });

export const CUSTOMER_SOURCES = choices({
  b2b: ['B2B平台', 'B2B platform'],
  fair: ['展会', 'Trade fair'],
  website: ['公司网站', 'Website'],
  referral: ['客户介绍', 'Referral'],
  mailing: ['邮件开发', 'Outbound mail'],
  other: ['其他', 'Other'],
});

/** The built-in sources and industries, and those an administrator added in the CRM settings. */
const sourcesFromSettings: ChoicesFrom = { docId: CRM_SETTINGS_ID, choices: (settings) => [...CUSTOMER_SOURCES, ...bilingualRows(settings, 'customerSources')] };
const industriesFromSettings: ChoicesFrom = { docId: CRM_SETTINGS_ID, choices: (settings) => [...INDUSTRIES, ...bilingualRows(settings, 'industries')] };

/** The customer's network: how another company is related to this one. */
export const RELATIONS = choices({
  parent: ['母公司', 'Parent'],
  subsidiary: ['子公司', 'Subsidiary'],
  agentOf: ['代理', 'Agent of'],
  supplierOf: ['供应商', 'Supplier of'],
  other: ['其他', 'Other'],
});

export const customerForm = defineForm({
  name: 'Customer',
  label: { zh: '客户资料', en: 'Customer' },
  db: 'crm',
  titleField: 'name',
  fields: {
    /** Assigned by the server from the CRM settings' numbering (see server/crm/numbering.ts). */
    code: { type: 'text', label: { zh: '客户编号', en: 'Code' }, sortable: true, maxLength: 40 },
    name: { type: 'text', label: { zh: '客户名称', en: 'Name' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    nameEn: { type: 'text', label: { zh: '外文名称', en: 'Name (foreign)' }, maxLength: 200 },
    shortName: { type: 'text', label: { zh: '简称', en: 'Short name' }, sortable: true, maxLength: 60, pinyin: true },
    category: { type: 'choice', label: { zh: '客户类别', en: 'Category' }, sortable: true, required: true, choices: CUSTOMER_CATEGORIES, choicesFrom: categoriesFromSettings, default: 'potential' },
    importance: { type: 'choice', label: { zh: '重要程度', en: 'Importance' }, sortable: true, choices: IMPORTANCE, default: 'B' },
    region: { type: 'choice', label: { zh: '地区', en: 'Region' }, sortable: true, maxLength: 60, choices: REGIONS, openChoices: true, normalize: (text) => regionCode(text) ?? text },
    /**
     * Reference data stored by code, so that 德国, Germany and DE are one category and each person
     * reads the name in their language; what is typed is stored as the code it names. A country is
     * one of ISO 3166; a province one of China's or, abroad, as written.
     */
    country: { type: 'choice', label: { zh: '国家', en: 'Country' }, sortable: true, maxLength: 60, choices: COUNTRIES, normalize: (text) => countryCode(text) ?? text },
    province: { type: 'choice', label: { zh: '省份', en: 'Province' }, sortable: true, maxLength: 60, choices: CHINA_PROVINCES, openChoices: true, normalize: (text) => provinceCode(text) ?? text },
    city: { type: 'text', label: { zh: '城市', en: 'City' }, sortable: true, maxLength: 60 },
    /** Follow-ups and greetings go out at the customer's morning, not the company's. */
    timeZone: timeZoneField,
    /** Industries and sources the lists do not name yet are kept as written, until an administrator adds them. */
    industry: { type: 'choice', label: { zh: '行业', en: 'Industry' }, sortable: true, maxLength: 60, choices: INDUSTRIES, choicesFrom: industriesFromSettings, openChoices: true, normalize: (text) => choiceByName(INDUSTRIES, text)?.value ?? text },
    source: { type: 'choice', label: { zh: '客户来源', en: 'Source' }, sortable: true, maxLength: 60, choices: CUSTOMER_SOURCES, choicesFrom: sourcesFromSettings, openChoices: true, normalize: (text) => choiceByName(CUSTOMER_SOURCES, text)?.value ?? text },
    owner: { type: 'names', label: { zh: '业务员', en: 'Owner' }, sortable: true, formDefault: salespersonOwner },
    address: { type: 'textarea', label: { zh: '地址', en: 'Address' }, maxLength: 500 },
    postcode: { type: 'text', label: { zh: '邮编', en: 'Postcode' }, maxLength: 20 },
    shippingAddress: { type: 'textarea', label: { zh: '收货地址', en: 'Shipping address' }, maxLength: 500 },
    shippingPostcode: { type: 'text', label: { zh: '收货邮编', en: 'Shipping postcode' }, maxLength: 20 },
    phone: { type: 'phone', label: { zh: '电话', en: 'Phone' } },
    fax: { type: 'phone', label: { zh: '传真', en: 'Fax' } },
    email: { type: 'email', label: { zh: '电子邮件', en: 'E-mail' } },
    emailDomains: { type: 'keywords', label: { zh: '邮件域名', en: 'E-mail domains' } },
    website: { type: 'url', label: { zh: '网址', en: 'Website' } },
    tags: { type: 'keywords', label: { zh: '标签', en: 'Tags' }, sortable: true },
    /** One customer in many groups (a mailing, a fair's visitors…). */
    groups: { type: 'keywords', label: { zh: '客户分组', en: 'Groups' }, sortable: true, suggestFrom: CUSTOMER_GROUPS_IN_USE },
    related: {
      type: 'objects',
      label: { zh: '关联公司', en: 'Related companies' },
      columns: {
        /** A company that is a customer too is picked (and opened from here: the network browsed company by company); another is typed by name. */
        customerId: { type: 'text', label: { zh: '选择客户', en: 'Pick a customer' }, maxLength: 200, link: { db: 'crm', forms: ['Customer'], fill: { name: 'name' } } },
        name: { type: 'text', label: { zh: '公司名称', en: 'Company' }, required: true, maxLength: 200 },
        relation: { type: 'choice', label: { zh: '关系', en: 'Relation' }, required: true, choices: RELATIONS },
      },
    },
    /** Fields an administrator defines in the CRM settings (`customFields`), as name and value. */
    customFields: {
      type: 'objects',
      label: { zh: '自定义字段', en: 'Custom fields' },
      maxItems: 100,
      columns: {
        name: { type: 'choice', label: { zh: '字段', en: 'Field' }, required: true, maxLength: 60, choicesFrom: { docId: CRM_SETTINGS_ID, choices: customFieldNames } },
        value: { type: 'text', label: { zh: '内容', en: 'Value' }, maxLength: 2000 },
      },
    },
    annualVolume: { type: 'number', label: { zh: '年采购额', en: 'Annual volume' }, min: 0 },
    firstContact: { type: 'date', label: { zh: '首次联系', en: 'First contact' } },
    /** Days between contacts, when not the importance's (A 7, B 30, C 90). */
    contactEveryDays: { type: 'number', label: { zh: '联系周期(天)', en: 'Contact every (days)' }, min: 1, max: 3650 },
    /** The day of the last done activity, kept by the server as activities are saved. */
    lastContact: { type: 'date', label: { zh: '最近联系', en: 'Last contact' } },
    nextContactDue: { type: 'date', label: { zh: '下次联系', en: 'Next contact due' }, computed: nextContactDue },
    ownerHistory,
    notes: { type: 'textarea', label: { zh: '备注', en: 'Notes' }, maxLength: 20000 },
  },
  defaultReaders: ownerReaders,
  defaultAuthors: ownerAuthors,
});

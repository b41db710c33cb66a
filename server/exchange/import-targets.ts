import type { FieldDef } from '../../design/form.js';
import { contactForm } from '../../design/forms/contact.js';
import { customerForm } from '../../design/forms/customer.js';
import type { Label } from '../../design/label.js';
import * as OpenCC from 'opencc-js/t2cn';

/** A field a column can be imported into: `customer.name`, `contact.mobile`, … */
export interface ImportTarget {
  readonly key: string;
  readonly form: 'Customer' | 'Contact';
  readonly field: string;
  readonly def: FieldDef;
  readonly label: Label;
}

// Titles from Taiwan and Hong Kong (客戶名稱, 聯絡人) are matched in simplified characters.
const simplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

// A contact's customer is the row's customer, set by the import itself.
const SET_BY_IMPORT = new Set(['customerId', 'customerName']);

export const IMPORT_TARGETS: readonly ImportTarget[] = [
  ...Object.entries(customerForm.fields).map(([field, def]) => target('Customer', 'customer', field, def)),
  ...Object.entries(contactForm.fields).filter(([field]) => !SET_BY_IMPORT.has(field)).map(([field, def]) => target('Contact', 'contact', field, def)),
];

function target(form: ImportTarget['form'], prefix: string, field: string, def: FieldDef): ImportTarget {
  const of = form === 'Customer' ? customerForm.label : contactForm.label;
  return { key: `${prefix}.${field}`, form, field, def, label: { zh: `${of.zh}：${def.label.zh}`, en: `${of.en}: ${def.label.en}` } };
}

const byKey = new Map(IMPORT_TARGETS.map((t) => [t.key, t]));

export function importTarget(key: string): ImportTarget | undefined {
  return byKey.get(key);
}

/**
 * Column titles people give these fields, in Chinese and English, as `headerKey` normalises them
 * (lower case, no spaces or punctuation, no trailing number: `E-mail 2` is `email`). Titles that
 * name a phone, an e-mail or notes go to the contact when the file names contacts, else to the
 * customer; see `guessMapping`.
 */
const TITLES: Readonly<Record<string, readonly string[]>> = {
  'customer.name': ['客户名称', '客户名', '客户',  '公司名称', '公司', '公司名', '单位名称', '单位', '企业名称', '企业', '名称', '客户全称', 'company', 'companyname', 'customer', 'customername', 'organization', 'organisation', 'org', 'account', 'accountname'],
  'customer.code': ['客户编号', '客户代码', '编号', 'code', 'customercode', 'customerno', 'customernumber'],
  'customer.nameEn': ['外文名称', '英文名称', '英文名', '外文名', 'nameforeign', 'englishname', 'nameen', 'foreignname'],
  'customer.shortName': ['简称', '客户简称', '公司简称', 'shortname'],
  'customer.category': ['客户类别', '类别', '客户类型', '类型', '分类', '客户分类', '客户种类', 'category', 'type', 'customertype', 'customercategory'],
  'customer.importance': ['重要程度', '重要性', '客户等级', '等级', '级别', 'importance', 'rating', 'level'],
  'customer.region': ['地区', '区域', '大区', 'region', 'area'],
  'customer.country': ['国家', '国家地区', '国别', 'country'],
  'customer.province': ['省份', '省', '州', 'province', 'state'],
  'customer.city': ['城市', '市', 'city', 'town'],
  'customer.industry': ['行业', '所属行业', 'industry'],
  'customer.source': ['客户来源', '来源', 'source', 'leadsource'],
  'customer.owner': ['业务员', '负责人', '销售', '销售员', '跟进人', '所有人', 'owner', 'salesperson', 'sales', 'accountowner'],
  'customer.address': ['地址', '公司地址', '通讯地址', '详细地址', '联系地址', 'address', 'street', 'companyaddress', 'streetaddress'],
  'customer.postcode': ['邮编', '邮政编码', '邮递区号', '邮政区号', 'postcode', 'zip', 'zipcode', 'postalcode'],
  'customer.phone': ['公司电话', '总机', 'companyphone', 'mainphone'],
  'customer.fax': ['传真', '传真号码', '传真号', '公司传真', 'fax', 'faxnumber'],
  'customer.email': ['公司邮箱', 'companyemail'],
  'customer.website': ['网址', '网站', '主页', '公司网址', 'website', 'web', 'url', 'homepage'],
  'customer.tags': ['标签', 'tags', 'tag'],
  'customer.annualVolume': ['年采购额', '采购额', 'annualvolume'],
  'customer.firstContact': ['首次联系', '首次联系日期', 'firstcontact'],
  'contact.name': ['联系人', '姓名', '联系人姓名', '联系人名称', '联络人', '联络人姓名', '联系人名字', 'contact', 'contactname', 'contactperson', 'name', 'fullname', 'person'],
  'contact.department': ['部门', '所在部门', 'department', 'dept'],
  'contact.title': ['职务', '职位', '头衔', '岗位', 'title', 'jobtitle', 'position'],
  'contact.mobile': ['手机', '手机号', '手机号码', '移动电话', '行动电话', '流动电话', '手提电话', 'mobile', 'mobilephone', 'cell', 'cellphone'],
  'contact.birthday': ['生日', '出生日期', 'birthday', 'birthdate', 'dateofbirth'],
};

/** Titles that belong to the contact when the file has contacts, and to the customer otherwise. */
const SHARED_TITLES: Readonly<Record<string, readonly [contact: string, customer: string]>> = Object.fromEntries([
  ...['电话', '联系电话', '办公电话', '电话号码', 'tel', 'telephone', 'phone', 'phonenumber', 'workphone'].map((t) => [t, ['contact.phone', 'customer.phone']]),
  ...['邮箱', '电子邮件', '电子邮箱', '邮件', 'email', 'mail', 'emailaddress', 'emails', 'emailaddresses'].map((t) => [t, ['contact.emails', 'customer.email']]),
  ...['备注', '说明', '附注', 'notes', 'note', 'remarks', 'remark', 'comment', 'comments'].map((t) => [t, ['contact.notes', 'customer.notes']]),
]);

const byTitle = new Map<string, string>(Object.entries(TITLES).flatMap(([key, titles]) => titles.map((t) => [t, key] as const)));
// The forms' own labels, in both languages, as an export writes them.
for (const t of IMPORT_TARGETS) {
  for (const title of [t.def.label.zh, t.def.label.en, t.label.zh, t.label.en]) {
    const key = headerKey(title);
    if (!byTitle.has(key) && !(key in SHARED_TITLES)) byTitle.set(key, t.key);
  }
}

/**
 * A column title folded for matching: traditional characters to simplified, full-width to
 * half-width, lower case, no spaces, punctuation or trailing number.
 */
export function headerKey(title: string): string {
  return simplified(title.normalize('NFKC')).toLowerCase().replace(/[\s\p{P}\p{S}]+/gu, '').replace(/\d+$/, '');
}

/** The target of each column guessed from its title, or null; a field gets one column unless it holds a list. */
export function guessMapping(headers: readonly string[]): (string | null)[] {
  const keys = headers.map(headerKey);
  const guesses = keys.map((key) => byTitle.get(key) ?? null);
  // A file with no company column whose "Name" column is the only name is a list of customers.
  const bareName = keys.indexOf('name');
  if (!guesses.includes('customer.name') && bareName >= 0 && guesses.filter((g) => g === 'contact.name').length === 1) guesses[bareName] = 'customer.name';
  const hasContacts = guesses.includes('contact.name');
  const taken = new Set<string>();
  return keys.map((key, i) => {
    const shared = SHARED_TITLES[key];
    const guess = shared ? shared[hasContacts ? 0 : 1] : guesses[i]!;
    if (guess === null) return null;
    const listField = ['keywords', 'names'].includes(importTarget(guess)!.def.type);
    if (taken.has(guess) && !listField) return null;
    taken.add(guess);
    return guess;
  });
}

import type { Label, Lang } from '../../design/label.js';
import { countryName } from '../../design/reference/countries.js';
import { createError } from '../../engine/errors.js';
import type { Addressee } from './addressee.js';

export interface ListColumn {
  readonly title: Label;
  /** Share of the table's width. */
  readonly width: number;
  /** The cell, in the list's language where it names reference data (a country). */
  readonly value: (entry: Addressee, lang: Lang) => string;
}

export interface ListKind {
  readonly id: 'address' | 'phone';
  readonly title: Label;
  readonly landscape: boolean;
  readonly columns: readonly ListColumn[];
}

const customer: ListColumn = { title: { zh: '客户名称', en: 'Customer' }, width: 26, value: (e) => e.customerName };
const contact: ListColumn = { title: { zh: '联系人', en: 'Contact' }, width: 12, value: (e) => e.contactName };
const department: ListColumn = { title: { zh: '部门', en: 'Department' }, width: 11, value: (e) => e.department };
const country: ListColumn = { title: { zh: '国家', en: 'Country' }, width: 10, value: (e, lang) => countryName(e.country ?? '', lang) };

/** The two printed lists (打印地址列表、电话列表): the same entries, different columns. */
export const LIST_KINDS: Readonly<Record<ListKind['id'], ListKind>> = {
  address: {
    id: 'address',
    title: { zh: '地址列表', en: 'Address list' },
    landscape: false,
    columns: [customer, contact, department, { title: { zh: '邮编', en: 'Postcode' }, width: 9, value: (e) => e.postcode }, { title: { zh: '地址', en: 'Address' }, width: 32, value: (e) => e.address }, country],
  },
  phone: {
    id: 'phone',
    title: { zh: '电话列表', en: 'Phone list' },
    // Seven columns of numbers and addresses need the width of a landscape page.
    landscape: true,
    columns: [
      customer, contact, department, country,
      { title: { zh: '电话', en: 'Phone' }, width: 15, value: (e) => e.phone },
      { title: { zh: '手机', en: 'Mobile' }, width: 13, value: (e) => e.mobile },
      { title: { zh: '传真', en: 'Fax' }, width: 15, value: (e) => e.fax },
      { title: { zh: '电子邮件', en: 'E-mail' }, width: 20, value: (e) => e.email },
    ],
  },
};

export function listKind(id: unknown): ListKind {
  if (id !== 'address' && id !== 'phone') throw createError('bad_request', `kind must be "address" or "phone", got ${JSON.stringify(id)}`);
  return LIST_KINDS[id];
}

import type { ImportRecord } from './import-records.js';
import { importTarget } from './import-targets.js';
import { fieldValue } from './import-values.js';
import { components, parseVCards, typesOf, unescapeText, type VCard, type VCardProperty } from './vcard-parse.js';

const HAN = /\p{Script=Han}/u;

/**
 * Each card as a contact at the customer its ORG names: FN (or N) → name, ORG → customer and
 * department, TITLE, TEL (cell → mobile, fax → the customer's fax, the first other → phone),
 * EMAIL → e-mail addresses, ADR → the customer's address, BDAY, NOTE, URL → the customer's website.
 * A record's `row` is the line where its card begins.
 */
export function recordsFromVCards(text: string): ImportRecord[] {
  return parseVCards(text).map(recordOf);
}

function recordOf(card: VCard): ImportRecord {
  const first = (name: string, accept: (p: VCardProperty) => boolean = () => true) => card.properties.find((p) => p.name === name && accept(p));
  const text = (property: VCardProperty | undefined) => (property ? unescapeText(property.value).trim() : '');
  const contact: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  const set = (fields: Record<string, unknown>, key: string, value: string) => {
    const target = importTarget(key)!;
    const converted = fieldValue(target.def, value);
    if (converted !== undefined && fields[target.field] === undefined) fields[target.field] = converted;
  };

  set(contact, 'contact.name', text(first('FN')) || nameFromN(first('N')));
  const [company = '', ...units] = components(first('ORG')?.value ?? '').map((part) => part.trim());
  set(customer, 'customer.name', company);
  set(contact, 'contact.department', units.filter((unit) => unit !== '').join(' '));
  set(contact, 'contact.title', text(first('TITLE')));
  for (const tel of card.properties.filter((p) => p.name === 'TEL')) {
    const types = typesOf(tel);
    const number = text(tel).replace(/^tel:/i, '');
    if (types.includes('fax')) set(customer, 'customer.fax', number);
    else if (types.includes('cell')) set(contact, 'contact.mobile', number);
    else set(contact, 'contact.phone', number);
  }
  const emails = card.properties.filter((p) => p.name === 'EMAIL').map(text).filter((email) => email !== '');
  if (emails.length > 0) contact.emails = emails;
  const adr = first('ADR', (p) => typesOf(p).includes('work')) ?? first('ADR');
  if (adr) {
    const [poBox = '', extended = '', street = '', city = '', region = '', postcode = '', country = ''] = components(adr.value).map((part) => part.trim());
    set(customer, 'customer.address', [poBox, extended, street].filter((part) => part !== '').join(' '));
    set(customer, 'customer.city', city);
    set(customer, 'customer.province', region);
    set(customer, 'customer.postcode', postcode);
    set(customer, 'customer.country', country);
  }
  set(contact, 'contact.birthday', birthday(text(first('BDAY'))));
  set(contact, 'contact.notes', text(first('NOTE')));
  set(customer, 'customer.website', text(first('URL')));
  return {
    row: card.line,
    customer: Object.keys(customer).length > 0 ? customer : null,
    contact: Object.keys(contact).length > 0 ? contact : null,
  };
}

/** N is family;given;additional;prefix;suffix: 张;三 reads 张三, Smith;John reads John Smith. */
function nameFromN(n: VCardProperty | undefined): string {
  const [family = '', given = ''] = components(n?.value ?? '').map((part) => part.trim());
  return HAN.test(family + given) ? family + given : [given, family].filter((part) => part !== '').join(' ');
}

/** A birthday with a year, in any of vCard's forms (`19850412`, `1985-04-12`, `1985-04-12T00:00:00Z`); `--0412` has none. */
function birthday(value: string): string {
  return value.startsWith('--') ? '' : value.replace(/T.*$/, '');
}

import type { ImportRecord } from './import-records.js';
import { importTarget } from './import-targets.js';
import { fieldValue } from './import-values.js';
import { components, parseVCards, typesOf, unescapeText, type VCard, type VCardProperty } from './vcard-parse.js';

const HAN = /\p{Script=Han}/u;
/** Properties read into the contact and its customer; any other is listed as not kept. */
const READ = new Set(['VERSION', 'FN', 'N', 'ORG', 'TITLE', 'TEL', 'EMAIL', 'ADR', 'BDAY', 'NOTE', 'URL', 'LANG', 'PHOTO']);
/** Photo types as vCard names them (TYPE=JPEG, a data: URI's media type) → file extension. */
const PHOTO_TYPES: Readonly<Record<string, string>> = { jpeg: 'jpg', jpg: 'jpg', png: 'png', gif: 'gif', webp: 'webp' };

/**
 * Each card as a contact at the customer its ORG names: FN (or N) → name, ORG → customer and
 * department, TITLE, every TEL with its types (the first cell → mobile, the first other → phone,
 * a fax → the customer's fax), every EMAIL with its types, every ADR with its types (the work one,
 * else the first, → the customer's address), LANG → language, PHOTO → the contact's photo.jpg,
 * BDAY, NOTE, URL → the customer's website. What has no place is listed in `notKept`. A record's
 * `row` is the line where its card begins.
 */
export function recordsFromVCards(text: string): ImportRecord[] {
  return parseVCards(text).map(recordOf);
}

function recordOf(card: VCard): ImportRecord {
  const first = (name: string, accept: (p: VCardProperty) => boolean = () => true) => card.properties.find((p) => p.name === name && accept(p));
  const all = (name: string) => card.properties.filter((p) => p.name === name);
  const text = (property: VCardProperty | undefined) => (property ? unescapeText(property.value).trim() : '');
  const contact: Record<string, unknown> = {};
  const customer: Record<string, unknown> = {};
  const notKept: string[] = [];
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
  const phones = all('TEL').flatMap((tel) => {
    const number = text(tel).replace(/^tel:/i, '');
    return number === '' ? [] : [{ number, types: typesOf(tel) }];
  });
  for (const { number, types } of phones) {
    if (types.includes('fax')) set(customer, 'customer.fax', number);
    else if (types.includes('cell')) set(contact, 'contact.mobile', number);
    else set(contact, 'contact.phone', number);
  }
  if (phones.length > 0) contact.phones = phones.map(({ number, types }) => ({ number, types: types.join(',') }));
  const emails = all('EMAIL').flatMap((p) => (text(p) === '' ? [] : [{ email: text(p), types: typesOf(p).filter((t) => t !== 'internet') }]));
  if (emails.length > 0) contact.emails = emails.map((e) => e.email);
  const typed = emails.filter((e) => e.types.length > 0);
  if (typed.length > 0) contact.emailTypes = typed.map((e) => ({ email: e.email, types: e.types.join(',') }));
  const addresses = all('ADR').map((adr) => {
    const [poBox = '', extended = '', street = '', city = '', region = '', postcode = '', country = ''] = components(adr.value).map((part) => part.trim());
    return { types: typesOf(adr).join(','), street: [poBox, extended, street].filter((part) => part !== '').join(' '), city, region, postcode, country };
  }).filter((a) => [a.street, a.city, a.region, a.postcode, a.country].some((part) => part !== ''));
  const work = addresses.find((a) => a.types.split(',').includes('work')) ?? addresses[0];
  if (work) {
    set(customer, 'customer.address', work.street);
    set(customer, 'customer.city', work.city);
    set(customer, 'customer.province', work.region);
    set(customer, 'customer.postcode', work.postcode);
    set(customer, 'customer.country', work.country);
    contact.addresses = addresses;
  }
  const lang = text(first('LANG')).toLowerCase();
  if (/^zh\b/.test(lang) || /^en\b/.test(lang)) contact.language = lang.slice(0, 2);
  else if (lang !== '') notKept.push(`LANG:${lang}`);
  const photo = first('PHOTO');
  if (photo) {
    const file = photoFile(photo);
    if (file) contact._attachments = { [`photo.${file.extension}`]: { content_type: file.contentType, data: file.data } };
    else notKept.push(`PHOTO (${photo.value.slice(0, 60)})`);
  }
  set(contact, 'contact.birthday', birthday(text(first('BDAY'))));
  set(contact, 'contact.notes', text(first('NOTE')));
  const urls = all('URL').map(text).filter((url) => url !== '');
  set(customer, 'customer.website', urls[0] ?? '');
  notKept.push(...urls.slice(1).map((url) => `URL:${url}`));
  for (const property of card.properties) {
    if (!READ.has(property.name)) notKept.push(`${property.name}:${unescapeText(property.value).slice(0, 80)}`);
  }
  return {
    row: card.line,
    customer: Object.keys(customer).length > 0 ? customer : null,
    contact: Object.keys(contact).length > 0 ? contact : null,
    ...(notKept.length > 0 ? { notKept } : {}),
  };
}

/** A photo given inline, as 2.1 and 3.0 write it (ENCODING=BASE64/b, TYPE=JPEG) or 4.0 does (a data: URI); one by address (a URL) is not fetched. */
function photoFile(photo: VCardProperty): { extension: string; contentType: string; data: string } | undefined {
  const uri = /^data:image\/([a-z0-9.+-]+);base64,(.+)$/i.exec(photo.value);
  const encoding = photo.params.get('ENCODING')?.[0]?.toUpperCase();
  const [kind, data] = uri ? [uri[1]!.toLowerCase(), uri[2]!] : encoding === 'B' || encoding === 'BASE64' ? [typesOf(photo).find((t) => t in PHOTO_TYPES) ?? 'jpeg', photo.value] : [undefined, undefined];
  const extension = kind ? PHOTO_TYPES[kind] : undefined;
  if (!extension || !data || !/^[A-Za-z0-9+/]+=*$/.test(data)) return undefined;
  return { extension, contentType: `image/${extension === 'jpg' ? 'jpeg' : extension}`, data };
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

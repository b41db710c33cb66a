import type { Access } from '../../design/access/acl.js';
import type { Doc, FieldDef } from '../../design/form.js';
import { customerForm } from '../../design/forms/customer.js';
import { contactForm } from '../../design/forms/contact.js';
import { choiceLabel } from '../../design/reference/choice-label.js';
import { sortKey } from '../../design/sort-key.js';
import type { Database } from '../store/store.js';
import { docsByIds, storedDocsOf } from './stored-docs.js';

const MAX_OCTETS = 75;
// Two-character surnames, so that 欧阳明 is N:欧阳;明 and not N:欧;阳明.
const COMPOUND_SURNAMES = new Set(['欧阳', '司马', '上官', '诸葛', '东方', '皇甫', '尉迟', '公孙', '慕容', '长孙', '夏侯', '司徒', '令狐', '宇文', '端木', '呼延', '南宫', '独孤', '西门', '万俟']);
const HAN = /^\p{Script=Han}/u;

/** Every contact of the database that `viewer` may read, sorted by name, as one vCard 4.0 file. */
export async function exportContactsVCard(db: Database, viewer?: Access): Promise<string> {
  const contacts = await storedDocsOf(db, ['Contact'], viewer);
  const customers = await docsByIds(db, [...new Set(contacts.map((doc) => String(doc.customerId ?? '')).filter((id) => id !== ''))], viewer);
  // By name, then company: the order of an address book, and the same in any store the file is imported into.
  const keyed = contacts.map((doc) => {
    const customer = customers.get(String(doc.customerId)) ?? null;
    return { doc, customer, key: [sortKey(String(doc.name ?? '')), sortKey(String(customer?.name ?? doc.customerName ?? '')), doc._id].join('\u0000') };
  });
  keyed.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  const cards: string[] = [];
  for (const { doc, customer } of keyed) cards.push(vCardOf(doc, customer, await photoOf(db, doc)));
  return cards.join('');
}

/** The contact's photo (its photo.* file) as a data: URI. */
async function photoOf(db: Database, contact: Doc): Promise<string | undefined> {
  const name = Object.keys(contact._attachments ?? {}).find((file) => /^photo\.[a-z]+$/.test(file));
  if (!name) return undefined;
  const stub = (contact._attachments as Record<string, { content_type?: string }>)[name]!;
  const bytes = await db.pouch.getAttachment(String(contact._id), name) as Buffer;
  return `data:${stub.content_type ?? 'image/jpeg'};base64,${Buffer.from(bytes).toString('base64')}`;
}

interface Typed {
  readonly types?: unknown;
}

/**
 * One contact as a vCard 4.0 (RFC 6350), with its customer's name, fax and address: every number,
 * e-mail address and address with the types it came with, its language and its photo.
 */
export function vCardOf(contact: Doc, customer: Doc | null, photo?: string): string {
  const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');
  const name = text(contact.name);
  const [family, given] = splitName(name);
  const lines = ['BEGIN:VCARD', 'VERSION:4.0', `FN:${escape(name)}`, `N:${[family, given, '', '', ''].map(escape).join(';')}`];
  const company = text(customer?.name) || text(contact.customerName);
  if (company) lines.push(`ORG:${[company, text(contact.department)].filter((part) => part !== '').map(escape).join(';')}`);
  if (text(contact.title)) lines.push(`TITLE:${escape(text(contact.title))}`);
  const typeParam = (entry: Typed | undefined, fallback: string) => {
    const types = text(entry?.types) || fallback;
    return types ? `;TYPE=${types.split(',').map((t) => t.trim().toLowerCase()).filter((t) => /^[a-z0-9-]+$/.test(t)).join(',')}` : '';
  };
  const phones = objects<Typed & { number?: unknown }>(contact.phones).filter((p) => text(p.number) !== '');
  if (phones.length > 0) {
    for (const phone of phones) lines.push(`TEL;VALUE=text${typeParam(phone, 'voice')}:${escape(text(phone.number))}`);
  } else {
    if (text(contact.phone)) lines.push(`TEL;VALUE=text;TYPE=work,voice:${escape(text(contact.phone))}`);
    if (text(contact.mobile)) lines.push(`TEL;VALUE=text;TYPE=cell:${escape(text(contact.mobile))}`);
  }
  if (text(customer?.fax) && !phones.some((p) => text(p.number) === text(customer?.fax))) lines.push(`TEL;VALUE=text;TYPE=work,fax:${escape(text(customer?.fax))}`);
  const emailTypes = objects<Typed & { email?: unknown }>(contact.emailTypes);
  for (const email of Array.isArray(contact.emails) ? contact.emails : []) {
    if (text(email)) lines.push(`EMAIL${typeParam(emailTypes.find((e) => text(e.email) === text(email)), '')}:${escape(text(email))}`);
  }
  // A province and country are stored as codes: the card names them, in the contact's language.
  const lang = contact.language === 'en' ? 'en' : 'zh';
  const addresses = objects<Typed & Record<string, unknown>>(contact.addresses);
  const addressColumns = (contactForm.fields.addresses as FieldDef).columns!;
  for (const a of addresses) lines.push(`ADR${typeParam(a, '')}:;;${['street', 'city', 'region', 'postcode', 'country'].map((field) => escape(choiceLabel(addressColumns[field], text(a[field]), lang))).join(';')}`);
  const address = ['address', 'city', 'province', 'postcode', 'country'].map((field) => choiceLabel((customerForm.fields as Record<string, FieldDef>)[field], text(customer?.[field]), lang));
  if (addresses.length === 0 && address.some((part) => part !== '')) lines.push(`ADR;TYPE=work:;;${address.map(escape).join(';')}`);
  if (contact.language === 'zh' || contact.language === 'en') lines.push(`LANG:${contact.language === 'zh' ? 'zh-CN' : 'en'}`);
  if (photo) lines.push(`PHOTO:${photo}`);
  if (text(customer?.website)) lines.push(`URL:${text(customer?.website)}`);
  if (text(contact.birthday)) lines.push(`BDAY:${text(contact.birthday).replace(/-/g, '')}`);
  if (text(contact.notes)) lines.push(`NOTE:${escape(text(contact.notes))}`);
  lines.push('END:VCARD');
  return lines.map(fold).join('\r\n') + '\r\n';
}

function objects<T>(value: unknown): T[] {
  return Array.isArray(value) ? value.filter((v): v is T => v !== null && typeof v === 'object') : [];
}

/** RFC 6350 §3.4: backslash, comma, semicolon and line breaks are escaped in text values. */
function escape(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\r\n|\r|\n/g, '\\n').replace(/,/g, '\\,').replace(/;/g, '\\;');
}

/** RFC 6350 §3.2: lines of at most 75 octets, continued after CRLF and a space, never inside a UTF-8 character. */
export function fold(line: string): string {
  const parts: string[] = [];
  let part = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    // A continuation's leading space counts towards its 75 octets.
    if (octets + size > (parts.length === 0 ? MAX_OCTETS : MAX_OCTETS - 1)) {
      parts.push(part);
      part = '';
      octets = 0;
    }
    part += char;
    octets += size;
  }
  parts.push(part);
  return parts.join('\r\n ');
}

/** Family and given name: the surname comes first in Chinese names and last in Western ones. */
function splitName(name: string): [family: string, given: string] {
  const words = name.split(/\s+/).filter((word) => word !== '');
  if (words.length > 1) return [words[words.length - 1]!, words.slice(0, -1).join(' ')];
  if (!HAN.test(name)) return [name, ''];
  const surname = COMPOUND_SURNAMES.has(name.slice(0, 2)) && name.length > 2 ? 2 : 1;
  return [name.slice(0, surname), name.slice(surname)];
}

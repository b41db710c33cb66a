import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hexOfUtf8 } from '../../design/access/directory-ids.js';
import { DEFAULT_PER_ADDRESS_PER_HOUR, DEFAULT_PER_IP_PER_HOUR } from '../../design/forms/web-form.js';
import type { Store } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/** A WebForm document as the public routes use it. */
export interface WebSite {
  readonly id: string;
  readonly name: string;
  readonly origins: readonly string[];
  readonly thankYouUrl?: string;
  readonly list: string;
  readonly autoReplyTemplate?: string;
  readonly accountId?: string;
  readonly minSeconds: number;
  readonly consentText: string;
  /** Sendings an hour one e-mail address, and one network address, may make through this form. */
  readonly perAddressPerHour: number;
  readonly perIpPerHour: number;
}

/** The enabled website form with this id, or undefined. */
export async function siteById(store: Store, id: string): Promise<WebSite | undefined> {
  const doc = await store.database('names').find(id);
  if (doc?.form !== 'WebForm' || doc.enabled === false) return undefined;
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined);
  const thankYouUrl = text(doc.thankYouUrl);
  const autoReplyTemplate = text(doc.autoReplyTemplate);
  const accountId = text(doc.accountId);
  return {
    id,
    name: String(doc.name ?? ''),
    origins: Array.isArray(doc.origins) ? doc.origins.map((o) => originOf(String(o))).filter((o): o is string => o !== undefined) : [],
    ...(thankYouUrl ? { thankYouUrl } : {}),
    list: text(doc.list) ?? 'newsletter',
    ...(autoReplyTemplate ? { autoReplyTemplate } : {}),
    ...(accountId ? { accountId } : {}),
    minSeconds: typeof doc.minSeconds === 'number' ? doc.minSeconds : 3,
    consentText: text(doc.consentText) ?? '',
    perAddressPerHour: positive(doc.perAddressPerHour) ?? DEFAULT_PER_ADDRESS_PER_HOUR,
    perIpPerHour: positive(doc.perIpPerHour) ?? DEFAULT_PER_IP_PER_HOUR,
  };
}

function positive(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? value : undefined;
}

/** Whether an enabled website form names this origin (for CORS preflight, which carries no site). */
export async function isConfiguredOrigin(store: Store, origin: string): Promise<boolean> {
  const forms = await docsOfView(store.database('names'), 'settings-web-forms');
  return forms.some((doc) => doc.enabled !== false && Array.isArray(doc.origins) && doc.origins.some((o) => originOf(String(o)) === origin));
}

/** `https://WWW.Example.com/` → `https://www.example.com`, as browsers send Origin. */
export function originOf(text: string): string | undefined {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : undefined;
  } catch {
    return undefined;
  }
}

function keyId(siteId: string): string {
  return `web-site-key-${hexOfUtf8(siteId)}`;
}

function hashOf(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

/** A new key for the site's JSON API (the old one stops working); only its hash is kept. */
export async function newSiteKey(store: Store, siteId: string): Promise<string> {
  const key = `gxk_${randomBytes(24).toString('base64url')}`;
  await store.serverDocs.update<{ hash: string }>(keyId(siteId), () => ({ hash: hashOf(key) }));
  return key;
}

/** Whether `key` is the site's current key. */
export async function isSiteKey(store: Store, siteId: string, key: string): Promise<boolean> {
  const stored = await store.serverDocs.read<{ hash: string }>(keyId(siteId));
  if (!stored) return false;
  const [given, expected] = [new TextEncoder().encode(hashOf(key)), new TextEncoder().encode(stored.hash)];
  return given.length === expected.length && timingSafeEqual(given, expected);
}

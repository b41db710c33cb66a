import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { SERVER_USER } from '../../design/user.js';
import { serverSecret } from '../store/server-secret.js';
import type { Store } from '../store/store.js';

const SECRET_ID = 'mail-unsubscribe-secret';

/** The id of an address's unsubscription from a list: one document however often the link is followed. */
export function unsubscribeId(list: string, address: string): string {
  return `unsubscribe-${createHash('sha256').update(`${list}\n${address.toLowerCase()}`).digest('hex').slice(0, 40)}`;
}

/** The key that signs unsubscribe links, made once and shared by every server (in the servers' own database). */
function secret(store: Store): Promise<string> {
  return serverSecret(store, SECRET_ID);
}

function sign(key: string, list: string, address: string): string {
  return createHmac('sha256', key).update(`${list}\n${address.toLowerCase()}`).digest('base64url');
}

/** The signed request that unsubscribes `address` from `list`, as a query string; only the server can make one. */
async function unsubscribeQuery(store: Store, list: string, address: string): Promise<string> {
  return new URLSearchParams({ list, address, token: sign(await secret(store), list, address) }).toString();
}

/** The path of the link that unsubscribes `address` from `list`. */
export async function unsubscribePath(store: Store, list: string, address: string): Promise<string> {
  return `/unsubscribe?${await unsubscribeQuery(store, list, address)}`;
}

/** The subject of a mail that unsubscribes, as the importer recognises it: `unsubscribe list=…&address=…&token=…`. */
const BY_MAIL = /^unsubscribe (\S+)$/i;

/** A mailto: link to `mailbox` (an account the gateway imports from) whose subject unsubscribes `address` from `list`. */
export async function unsubscribeMailto(store: Store, mailbox: string, list: string, address: string): Promise<string> {
  return `mailto:${mailbox}?subject=${encodeURIComponent(`unsubscribe ${await unsubscribeQuery(store, list, address)}`)}`;
}

/** Records the unsubscriptions asked for by mail (the mailto: of List-Unsubscribe); a forged one is ignored. */
export async function unsubscribeByMail(store: Store, subjects: readonly string[], now: Date): Promise<number> {
  let done = 0;
  for (const subject of subjects) {
    const query = BY_MAIL.exec(subject.trim())?.[1];
    if (!query) continue;
    const params = new URLSearchParams(query);
    const [list, address, token] = ['list', 'address', 'token'].map((name) => params.get(name));
    if (list && address && token && await unsubscribe(store, list, address, token, now)) done++;
  }
  return done;
}

/** Whether the server signed this link for this address and list. */
export async function isGenuineUnsubscribe(store: Store, list: string, address: string, token: string): Promise<boolean> {
  const expected = new TextEncoder().encode(sign(await secret(store), list, address));
  const given = new TextEncoder().encode(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Records the unsubscription if the link is genuine; false when it is not. */
export async function unsubscribe(store: Store, list: string, address: string, token: string, now: Date): Promise<boolean> {
  if (!await isGenuineUnsubscribe(store, list, address, token)) return false;
  const [result] = await store.database('crm').saveMany([{ _id: unsubscribeId(list, address), form: 'Unsubscribe', address: address.toLowerCase(), list }], { now: now.toISOString(), user: SERVER_USER });
  if (result && !result.ok && result.error !== 'conflict') throw new Error(result.reason);
  return true;
}

/**
 * What a message to `address` carries to unsubscribe it from `list`: the link (in the body and in
 * List-Unsubscribe) and, when the sending account's mail is imported, a mailto: too.
 */
export async function unsubscribeLinks(store: Store, publicUrl: string, list: string, address: string, sender: { address: string; imap?: unknown } | undefined): Promise<{ unsubscribeUrl: string; unsubscribeMailto?: string }> {
  const unsubscribeUrl = `${publicUrl.replace(/\/+$/, '')}${await unsubscribePath(store, list, address)}`;
  return { unsubscribeUrl, ...(sender?.imap ? { unsubscribeMailto: await unsubscribeMailto(store, sender.address, list, address) } : {}) };
}

/** The addresses among these that left `list`. */
export async function unsubscribedFrom(store: Store, list: string, addresses: readonly string[]): Promise<Set<string>> {
  const { rows } = await store.database('crm').pouch.allDocs({ keys: addresses.map((a) => unsubscribeId(list, a)) });
  const gone = new Set(rows.filter((row) => 'value' in row && row.value && !row.value.deleted).map((row) => row.key));
  return new Set(addresses.filter((a) => gone.has(unsubscribeId(list, a))));
}

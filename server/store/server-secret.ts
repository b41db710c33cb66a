import { randomBytes } from 'node:crypto';
import type { Store } from './store.js';

/** A signing key made once and shared by every server, kept in the servers' own database under `id`. */
export async function serverSecret(store: Store, id: string): Promise<string> {
  const stored = await store.serverDocs.update<{ key: string }>(id, (current) => (current?.key ? undefined : { key: randomBytes(32).toString('base64') }));
  return stored!.key;
}

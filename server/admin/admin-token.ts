import { randomBytes, timingSafeEqual } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Request } from 'express';

/**
 * The command line while the server runs: LevelDB lets one process hold the embedded store, so
 * the running server writes a random token and its loopback address into the data directory
 * (readable by its owner only), and `guanxi user …`/`acl …`/`group …` send their change to
 * /api/admin with it. Whoever can read the data directory could read the whole store anyway.
 */
export interface AdminTokenFile {
  readonly url: string;
  readonly token: string;
}

export const ADMIN_TOKEN_FILE = 'admin-token.json';

export function adminTokenPath(dataDir: string): string {
  return join(dataDir, ADMIN_TOKEN_FILE);
}

export function newAdminToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function writeAdminToken(dataDir: string, file: AdminTokenFile): Promise<void> {
  await writeFile(adminTokenPath(dataDir), JSON.stringify(file), { mode: 0o600 });
}

export async function removeAdminToken(dataDir: string): Promise<void> {
  await rm(adminTokenPath(dataDir), { force: true });
}

/** The running server's token file, or null when no server has written one. */
export async function readAdminToken(dataDir: string): Promise<AdminTokenFile | null> {
  try {
    const file = JSON.parse(await readFile(adminTokenPath(dataDir), 'utf8')) as Partial<AdminTokenFile>;
    return typeof file.url === 'string' && typeof file.token === 'string' ? { url: file.url, token: file.token } : null;
  } catch {
    return null;
  }
}

/** Whether a request carries the token (as `Authorization: Bearer`) over a connection from this machine. */
export function isCommandLine(req: Request, token: string | undefined): boolean {
  const given = /^Bearer (\S+)$/.exec(req.get('authorization') ?? '')?.[1];
  if (!token || !given) return false;
  const { remoteAddress, localAddress } = req.socket;
  const local = remoteAddress !== undefined && (remoteAddress === localAddress || /^(127\.|::1$|::ffff:127\.)/.test(remoteAddress));
  const [a, b] = [Buffer.from(given), Buffer.from(token)];
  return local && a.length === b.length && timingSafeEqual(new Uint8Array(a), new Uint8Array(b));
}

import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { buildClient, DIST_DIR, ROOT } from '../../scripts/build-client.js';

/** What the client bundle is made of: a change to any of these makes client/dist stale. */
const SOURCES = ['client', 'design', 'views', 'engine', 'scripts/build-client.ts'];

let building: Promise<void> | null = null;

/**
 * Builds the workstation once per test process, and only when client/dist is missing or older than
 * its sources: `npm test` builds it before the tests start, so this builds only for a file run alone.
 */
export function ensureClientBuilt(): Promise<void> {
  building ??= (async () => {
    const built = await newestMtime(DIST_DIR).catch(() => 0);
    const sources = Math.max(...(await Promise.all(SOURCES.map((path) => newestMtime(join(ROOT, path))))));
    if (built === 0 || sources > built) await buildClient();
  })();
  return building;
}

async function newestMtime(path: string): Promise<number> {
  const info = await stat(path);
  if (!info.isDirectory()) return info.mtimeMs;
  if (path === DIST_DIR) return Math.min(...(await Promise.all((await readdir(path)).map((name) => newestMtime(join(path, name))))));
  const entries = await readdir(path, { withFileTypes: true });
  const times = await Promise.all(entries.filter((e) => e.name !== 'dist' && e.name !== 'node_modules').map((e) => newestMtime(join(path, e.name))));
  return Math.max(info.mtimeMs, ...times);
}

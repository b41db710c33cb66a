import { createHash } from 'node:crypto';
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type BuildOptions, type Metafile } from 'esbuild';

/**
 * The workstation's production build: client/main.ts → client/dist/app.js, client/sw.ts →
 * client/dist/sw.js, client/views-worker.ts → client/dist/views-worker.js, and the static files beside them. Minified ES2022 for the browser, with
 * esbuild's metafile kept (client/dist/meta.json) so that sizes can be told per package.
 */
export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const CLIENT_DIR = join(ROOT, 'client');
export const DIST_DIR = join(CLIENT_DIR, 'dist');
/** Copied as they are; with app.js and sw.js they make the application shell the service worker keeps. */
export const STATIC_FILES = ['index.html', 'app.css'] as const;

const common: BuildOptions = {
  bundle: true,
  minify: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  legalComments: 'none',
  logLevel: 'warning',
  // PouchDB and abstract-level test for Node's `global` in a few places.
  define: { global: 'globalThis' },
};

/** The application bundle alone, not written: for measuring it, e.g. with some packages left out. */
export async function bundleApp(external: readonly string[] = []): Promise<{ code: Uint8Array; metafile: Metafile }> {
  const result = await build({ ...common, entryPoints: [join(CLIENT_DIR, 'main.ts')], outfile: join(DIST_DIR, 'app.js'), write: false, metafile: true, external: [...external] });
  const output = result.outputFiles.find((file) => file.path.endsWith('app.js'));
  if (!output) throw new Error('esbuild produced no app.js');
  return { code: output.contents, metafile: result.metafile };
}

export async function buildClient(): Promise<void> {
  await rm(DIST_DIR, { recursive: true, force: true });
  await mkdir(DIST_DIR, { recursive: true });
  const app = await bundleApp();
  await writeFile(join(DIST_DIR, 'app.js'), app.code);
  await writeFile(join(DIST_DIR, 'meta.json'), JSON.stringify(app.metafile));
  // The views worker (client/views-worker.ts): the replica's view indexes, off the page's thread.
  const worker = await build({ ...common, entryPoints: [join(CLIENT_DIR, 'views-worker.ts')], outfile: join(DIST_DIR, 'views-worker.js'), write: false });
  const workerCode = worker.outputFiles.find((file) => file.path.endsWith('views-worker.js'))!.contents;
  await writeFile(join(DIST_DIR, 'views-worker.js'), workerCode);
  const shell = createHash('sha256').update(app.code).update(workerCode);
  for (const file of STATIC_FILES) {
    await copyFile(join(CLIENT_DIR, file), join(DIST_DIR, file));
    shell.update(await readFile(join(CLIENT_DIR, file), 'utf8'));
  }
  // A new shell gets a new cache name, so the service worker replaces what it kept.
  await build({
    ...common,
    entryPoints: [join(CLIENT_DIR, 'sw.ts')],
    outfile: join(DIST_DIR, 'sw.js'),
    define: { ...common.define, SHELL_VERSION: JSON.stringify(shell.digest('hex').slice(0, 16)) },
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await buildClient();
  console.log(`client built into ${DIST_DIR}`);
}

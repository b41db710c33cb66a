import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Router, type Response } from 'express';

/**
 * No inline script, no eval: user text can never become code, and views run in the browser as the
 * compiled code of views/. Lit's styles are constructed stylesheets, which `style-src 'self'` allows.
 * A received HTML message is shown in a sandboxed srcdoc frame, which inherits this policy and
 * narrows it with its own: remote images only once the reader allows them for the sender. The
 * message's own styles stay off, like every inline style here: it is read unstyled, never scripted.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'", "script-src 'self'", "style-src 'self'", "img-src 'self' data: http: https:", "connect-src 'self'",
  "object-src 'none'", "base-uri 'self'", "frame-ancestors 'none'",
].join('; ');

/** What the workstation's build writes (scripts/build-client.ts) and the server hands out; nothing else there is served. */
const SHELL: Record<string, { file: string; type: string }> = {
  '/': { file: 'index.html', type: 'html' },
  '/index.html': { file: 'index.html', type: 'html' },
  '/app.js': { file: 'app.js', type: 'js' },
  '/app.css': { file: 'app.css', type: 'css' },
  '/sw.js': { file: 'sw.js', type: 'js' },
  '/views-worker.js': { file: 'views-worker.js', type: 'js' },
};

/** client/dist beside server/ (tsx) or beside dist/server/ (the compiled server). */
function builtClientDir(): string | undefined {
  return ['../client/dist', '../../client/dist']
    .map((relative) => fileURLToPath(new URL(relative, import.meta.url)))
    .find((dir) => existsSync(join(dir, 'index.html')));
}

/** The workstation (client/dist) at `/`, with its Content-Security-Policy. */
export function clientRoutes(dir = builtClientDir()): Router {
  const router = Router();
  router.get(Object.keys(SHELL), (req, res) => {
    const { file, type } = SHELL[req.path]!;
    if (type === 'html') res.set('Content-Security-Policy', CONTENT_SECURITY_POLICY);
    // Revalidated on every load (ETag): the service worker decides what is kept offline.
    res.set('Cache-Control', 'no-cache');
    if (file === 'sw.js') res.set('Service-Worker-Allowed', '/');
    if (!dir) {
      notBuilt(res);
      return;
    }
    res.type(type).sendFile(join(dir, file));
  });
  return router;
}

function notBuilt(res: Response): void {
  res.status(503).type('text').send('The workstation is not built: run `npm run build` (or `npm run build:client`).');
}

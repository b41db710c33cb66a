/**
 * The service worker: keeps the application shell (page, script, styles) so that the workstation
 * loads with no network, after a browser restart too. Cache first for the shell; /api and /sync are
 * never cached (the replica in IndexedDB is the offline data). SHELL_VERSION is the build's hash of
 * the shell, so a new build installs a new cache and drops the old one.
 */
declare const SHELL_VERSION: string;

// Only the few service-worker types this file needs: the DOM and WebWorker libraries cannot share one program.
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface ServiceWorkerScope {
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
}

const scope = self as unknown as ServiceWorkerScope;
const CACHE = `guanxi-shell-${SHELL_VERSION}`;
const SHELL = ['/', '/app.js', '/app.css', '/views-worker.js'];

scope.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)).then(() => scope.skipWaiting()));
});

scope.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) if (name.startsWith('guanxi-shell-') && name !== CACHE) await caches.delete(name);
    await scope.clients.claim();
  })());
});

scope.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url);
  if (event.request.method !== 'GET' || url.origin !== location.origin) return;
  if (url.pathname.startsWith('/api/') || url.pathname.startsWith('/sync/')) return;
  // Every page of the application is the one page: '#/crm/...' addresses never reach the server.
  const key = event.request.mode === 'navigate' ? '/' : url.pathname;
  if (!SHELL.includes(key)) return;
  event.respondWith(caches.open(CACHE).then(async (cache) => (await cache.match(key)) ?? fetch(event.request)));
});

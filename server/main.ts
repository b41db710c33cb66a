import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { SERVER_USER } from '../design/user.js';
import { GuanxiError } from '../engine/errors.js';
import { newAdminToken, removeAdminToken, writeAdminToken } from './admin/admin-token.js';
import { createApp } from './app.js';
import { promoteReplica, startLiveReplica } from './backup/live-replica.js';
import { startScheduledBackups } from './backup/scheduled-backups.js';
import { ConfigError, redactCredentials, redactUrl, type Config } from './config.js';
import { startCrmJobs } from './crm/crm-jobs.js';
import { noticeClosedDatabases } from './directory/closed-database-notice.js';
import { ensureDefaultAcls } from './directory/default-acls.js';
import { StoreDirectory } from './directory/store-directory.js';
import { startForumJobs } from './forum-jobs.js';
import { createLogger, type Logger } from './log.js';
import { startMailGateway, type MailGateway } from './mail/mail-gateway.js';
import { FirstSetup } from './setup/first-setup.js';
import { openStore } from './store/open-store.js';
import type { Store } from './store/store.js';

export interface RunningServer {
  readonly server: Server;
  readonly store: Store;
  readonly directory: StoreDirectory;
  readonly logger: Logger;
  /** The mail gateway and scheduler; absent when turned off (MAIL_GATEWAY=off). */
  readonly mail?: MailGateway;
  /** Where the server can be reached, e.g. `http://127.0.0.1:8080`. */
  readonly url: string;
  /** While no administrator exists: the one-time link where the first one is made (for the console only). */
  readonly setupUrl?: string;
  /** Stops accepting connections, lets open requests finish (within the timeout), closes the store. */
  close(): Promise<void>;
}

export interface StartOptions {
  /** Defaults to a logger on stdout at `config.logLevel`. */
  readonly logger?: Logger;
  /** How long open requests may take to finish when closing; then their connections are destroyed. */
  readonly shutdownTimeoutMs?: number;
  /** The clock of sessions and lockouts, in milliseconds; tests inject their own. */
  readonly now?: () => number;
}

/** A startup step that failed, with a one-line message fit for the operator. */
export class StartupError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StartupError';
  }
}

/** One line for the operator: the message of the errors they can fix, the stack of anything else. */
export function fatalMessage(error: unknown): string {
  if (error instanceof ConfigError || error instanceof StartupError) return error.message;
  if (error instanceof GuanxiError && error.status < 500) return error.reason;
  return error instanceof Error ? error.stack ?? error.message : String(error);
}

/** Opens the store (which deploys the design documents), with a StartupError the operator can act on. */
export async function openConfiguredStore(config: Config): Promise<Store> {
  try {
    return await openStore(config);
  } catch (error) {
    const where = config.couchdbUrl ? `CouchDB at ${redactUrl(config.couchdbUrl)}` : config.dataDir;
    throw new StartupError(`cannot open the store (${where}): ${describe(error)}`, { cause: error });
  }
}

/** Opens the store and listens. Touches no process-level state (signals, exit): see run-server.ts. */
export async function startServer(config: Config, options: StartOptions = {}): Promise<RunningServer> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const shutdownTimeoutMs = options.shutdownTimeoutMs ?? 10_000;
  const store = await openConfiguredStore(config);
  try {
    // Before anything numbers a record: a store that was a live replica takes over its numbering.
    await promoteReplica(store, logger);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new StartupError(`cannot take over the numbering of this store, which was a live replica: ${describe(error)}`, { cause: error });
  }
  let directory: StoreDirectory;
  try {
    // Before the directory loads, so that it starts with every database's ACL.
    await ensureDefaultAcls(store.database('names'), { user: SERVER_USER, now: new Date(options.now?.() ?? Date.now()).toISOString() });
    await noticeClosedDatabases(store, { user: SERVER_USER, now: new Date(options.now?.() ?? Date.now()).toISOString() })
      .catch((error: unknown) => logger.warn({ err: error }, 'cannot tell the administrators of a closed forum or library'));
    directory = await StoreDirectory.open(store, logger);
  } catch (error) {
    await store.close().catch(() => undefined);
    throw new StartupError(`cannot read the directory (names): ${describe(error)}`, { cause: error });
  }
  let setup: FirstSetup;
  try {
    setup = await FirstSetup.open(store);
  } catch (error) {
    await directory.close();
    await store.close().catch(() => undefined);
    throw new StartupError(`cannot prepare the directory (names): ${describe(error)}`, { cause: error });
  }

  // On the embedded store the command line cannot open the store while this server holds it: it asks this server.
  const adminToken = config.couchdbUrl ? undefined : newAdminToken();
  const replica = config.replica ? startLiveReplica(store, config.replica, config.couchdbPrefix, logger) : undefined;
  const server = createServer(createApp({ store, directory, logger, trustProxy: config.trustProxy, now: options.now, setup, ...(adminToken ? { adminToken } : {}), ...(replica ? { replica } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) }));
  const crmJobs = startCrmJobs(store, logger, () => new Date(options.now?.() ?? Date.now()).toISOString());
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  try {
    await listen(server, config.port, config.host);
  } catch (error) {
    await crmJobs.close();
    await replica?.close();
    await directory.close();
    await store.close().catch(() => undefined);
    throw new StartupError(`cannot listen on ${config.host}:${config.port}: ${describe(error)}`, { cause: error });
  }

  let mail: MailGateway | undefined;
  if (config.mailGateway !== false) {
    try {
      mail = await startMailGateway({ store, logger, ...(config.mailPollSeconds ? { pollSeconds: config.mailPollSeconds } : {}), ...(config.schedulerCron ? { schedulerCron: config.schedulerCron } : {}), ...(config.faxEmailDomain ? { faxEmailDomain: config.faxEmailDomain } : {}), ...(config.hylafaxHost ? { hylafax: { ...config.hylafaxHost, user: config.hylafaxUser ?? 'guanxi' } } : {}), ...(config.publicUrl ? { publicUrl: config.publicUrl } : {}) });
    } catch (error) {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await crmJobs.close();
      await replica?.close();
      await directory.close();
      await store.close().catch(() => undefined);
      throw new StartupError(`cannot start the mail gateway: ${describe(error)}`, { cause: error });
    }
  }

  const forumJobs = startForumJobs({ store, directory, logger, config, now: options.now });
  const backups = config.backupDir ? startScheduledBackups({ store, dir: config.backupDir, logger, ...(config.backupCron ? { cron: config.backupCron } : {}), ...(config.backupKeep ? { keep: config.backupKeep } : {}) }) : undefined;
  const { port } = server.address() as AddressInfo;
  const url = `http://${connectableHost(config.host)}:${port}`;
  if (adminToken) await writeAdminToken(config.dataDir, { url, token: adminToken }).catch((error: unknown) => logger.warn({ err: error }, 'cannot write the command line\'s token: `guanxi user|acl|group|backup` need the server stopped'));
  const token = setup.pendingToken;
  // The token is a key to the whole office: on the console, never in the log.
  if (token) logger.warn('no administrator yet: open the setup link printed on the console to make the first one');
  const setupUrl = token ? `${url}/#setup=${token}` : undefined;
  // Last: whoever waits for this line (a supervisor, a test) may signal at once, and the caller
  // installs its signal handlers as soon as this returns.
  logger.info({
    url, port, host: config.host, engine: store.engine,
    ...(config.couchdbUrl ? { couchdbUrl: redactUrl(config.couchdbUrl), couchdbPrefix: config.couchdbPrefix } : { dataDir: config.dataDir }),
  }, 'listening');

  let closing: Promise<void> | undefined;
  const close = () => (closing ??= (async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeIdleConnections();
    const timer = setTimeout(() => {
      logger.warn({ connections: sockets.size }, 'requests still open at shutdown timeout: closing their connections');
      for (const socket of sockets) socket.destroy();
    }, shutdownTimeoutMs);
    timer.unref();
    await closed;
    clearTimeout(timer);
    if (adminToken) await removeAdminToken(config.dataDir);
    await crmJobs.close();
    await mail?.close();
    await forumJobs.close();
    await backups?.close();
    await replica?.close();
    await directory.close();
    await store.close();
    logger.info('stopped');
  })());
  return { server, store, directory, logger, url, close, ...(mail ? { mail } : {}), ...(setupUrl ? { setupUrl } : {}) };
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onError = (error: Error) => reject(error);
    server.once('error', onError);
    server.listen(port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
}

/** An address a client on this machine can use when the server listens on every interface. */
export function connectableHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

function describe(error: unknown): string {
  const { code } = (error ?? {}) as { code?: string };
  if (code === 'EADDRINUSE') return 'the address is already in use (is another server running?)';
  if (code === 'EACCES') return 'permission denied';
  if (code === 'EADDRNOTAVAIL') return 'no such address on this machine';
  const messages: string[] = [];
  let locked = false;
  // LevelDB reports a data directory held by another process deep in the cause chain.
  for (let e: unknown = error, depth = 0; e != null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { code: c, message } = e as { code?: string; message?: string };
    const text = message ?? String(e);
    if (c === 'LEVEL_LOCKED' || /\block\b.*(held|unavailable)/i.test(text)) locked = true;
    if (!messages.includes(text)) messages.push(text);
  }
  const detail = redactCredentials(messages.join(': ').replace(/\s*\n\s*/g, ' '));
  return locked ? `the data directory is in use by another process (is the server already running?): ${detail}` : detail;
}

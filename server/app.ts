import express, { type ErrorRequestHandler, type Express, type Request } from 'express';
import { pinoHttp } from 'pino-http';
import { canRead } from '../design/access/document-access.js';
import { DB_NAMES, isDbName, type DbName } from '../design/databases.js';
import { createError, GuanxiError } from '../engine/errors.js';
import type { Cursor, ViewPageRequest } from '../engine/view-page.js';
import type { Key } from '../engine/view-source.js';
import { VIEWS } from '../views/catalog.js';
import { adminRoutes, COMMAND_LINE } from './admin/admin-routes.js';
import { isCommandLine } from './admin/admin-token.js';
import { createAuth } from './auth/auth.js';
import { myDatabasesRoute } from './auth/my-databases-route.js';
import { createExchangeRouter } from './exchange/exchange-routes.js';
import { createGatewayRouter } from './gateway/gateway-router.js';
import { quarantineRoute } from './gateway/quarantine-route.js';
import { phantomDocFor } from './gateway/phantoms.js';
import { createMailRouter } from './mail/mail-routes.js';
import { sendingRoute } from './mail/sending-route.js';
import { createPrintRouter, type WhoIsAsking } from './print/print-routes.js';
import { signedInUser } from './auth/authenticate.js';
import { clientRoutes } from './client-static.js';
import { createCrmRouter } from './crm/crm-routes.js';
import { createQuotationRouter } from './crm/quotation-routes.js';
import { createCreditTermsRouter } from './crm/credit-terms-routes.js';
import { createCalendarRouter } from './calendar/calendar-routes.js';
import { createComplaintRouter } from './complaints/complaint-routes.js';
import { createApprovalRouter } from './approvals/approval-routes.js';
import { createOfficeRouter } from './office/office-routes.js';
import { redactCredentials, type TrustProxy } from './config.js';
import { backupRoute } from './backup/backup-route.js';
import type { LiveReplica } from './backup/live-replica.js';
import { replicaRoute } from './backup/replica-route.js';
import type { Directory } from './directory/directory.js';
import { directoryRoute } from './directory/directory-route.js';
import type { Logger } from './log.js';
import type { FirstSetup } from './setup/first-setup.js';
import { setupRoutes } from './setup/setup-routes.js';
import { createWebRouter } from './web/web-routes.js';
import type { Database, Store } from './store/store.js';

export interface AppOptions {
  readonly store: Store;
  readonly directory: Directory;
  readonly logger: Logger;
  readonly startedAt?: Date;
  /** Proxies whose X-Forwarded-* headers to believe (see Config); none by default. */
  readonly trustProxy?: TrustProxy;
  /** The clock of sessions and lockouts, in milliseconds; tests inject their own. */
  readonly now?: () => number;
  /** The first start's setup link, while no administrator exists. */
  readonly setup?: FirstSetup;
  /** The command line's token for /api/admin while this server holds the store (admin/admin-token.ts). */
  readonly adminToken?: string;
  /** The embedded store's live replica, when one is configured. */
  readonly replica?: LiveReplica;
  /** Where people outside reach this server (Config.publicUrl): links mailed by the website forms. */
  readonly publicUrl?: string;
}

export const BODY_LIMIT = '10mb';

/** The HTTP API, built without listening so that tests can drive it on an ephemeral port. */
export function createApp({ store, directory, logger, startedAt = new Date(), trustProxy = false, now, setup, adminToken, replica, publicUrl }: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', trustProxy);
  const auth = createAuth({ store, directory, logger, now });
  app.use(pinoHttp({
    logger,
    customLogLevel: (_req, res, error) => (error || res.statusCode >= 500 ? 'error' : res.statusCode >= 400 ? 'warn' : 'info'),
  }));
  app.use((_req, res, next) => {
    res.set('X-Content-Type-Options', 'nosniff');
    next();
  });
  app.use('/api', (_req, res, next) => {
    // Answers hold customer records: no shared cache may keep them.
    res.set('Cache-Control', 'no-store');
    next();
  });
  // Before the API's body parser: the website's forms take small bodies, form-encoded or JSON.
  app.use(createWebRouter({ store, directory, logger, authenticate: auth.authenticate, ...(publicUrl ? { publicUrl } : {}), ...(now ? { now } : {}) }));
  app.use('/api', express.json({ limit: BODY_LIMIT }));

  app.get('/api/health', async (req, res) => {
    try {
      const infos = await Promise.all(DB_NAMES.map(async (name) => [name, await store.database(name).info()] as const));
      res.json({
        status: 'ok',
        engine: store.engine,
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.round((Date.now() - startedAt.getTime()) / 1000),
        databases: Object.fromEntries(infos),
      });
    } catch (error) {
      req.log.error({ err: error }, 'health check: store unavailable');
      res.status(503).json({ status: 'unavailable', reason: redactCredentials(error instanceof Error ? error.message : String(error)) });
    }
  });

  app.get('/api/views', (_req, res) => {
    res.json({ views: VIEWS.map((view) => ({ id: view.id, db: view.def.db, name: view.def.name })) });
  });

  app.use('/api', setupRoutes({ store, directory, now: now ?? Date.now, ...(setup ? { setup } : {}) }));
  app.use('/api', auth.routes);
  app.get('/api/me/databases', auth.authenticate, myDatabasesRoute(directory));
  app.get('/api/directory', auth.authenticate, directoryRoute(store));
  app.use('/api/db', auth.authenticate);
  app.use('/sync', createGatewayRouter({ store, directory, authenticate: auth.authenticate }));
  app.get('/api/admin/quarantine', auth.authenticate, quarantineRoute(store, directory));
  // Printing, export and import act for the signed-in person: only what they may read, or write.
  const whoIsAsking: WhoIsAsking = (res, db) => {
    const user = signedInUser(res);
    return { user, access: directory.accessFor(user.name, db) };
  };
  for (const path of ['/api/print', '/api/export', '/api/import', '/api/crm', '/api/mail', '/api/complaints', '/api/calendar']) app.use(path, auth.authenticate);
  app.use(createPrintRouter({ store, whoIsAsking }));
  app.use(createCrmRouter({ store, directory, whoIsAsking, now: () => new Date(now?.() ?? Date.now()).toISOString() }));
  app.use(createQuotationRouter({ store, whoIsAsking, now: () => new Date(now?.() ?? Date.now()).toISOString() }));
  app.use(createCreditTermsRouter({ store, whoIsAsking, now: () => new Date(now?.() ?? Date.now()).toISOString() }));
  app.use(createExchangeRouter({ store, whoIsAsking }));
  app.get('/api/mail/sending', sendingRoute(store));
  app.use(createMailRouter({ store, whoIsAsking, ...(now ? { now } : {}) }));
  app.use(createComplaintRouter({ store, whoIsAsking, now }));
  for (const path of ['/api/approvals', '/api/office']) app.use(path, auth.authenticate);
  app.use(createApprovalRouter({ store, whoIsAsking, now }));
  app.use(createOfficeRouter({ store, whoIsAsking, now }));
  app.use(createCalendarRouter({ store, directory, whoIsAsking, now: () => new Date(now?.() ?? Date.now()).toISOString() }));
  app.use('/api/admin', (req, res, next) => {
    if (!isCommandLine(req, adminToken)) return auth.authenticate(req, res, next);
    res.locals.commandLine = true;
    next();
  });
  app.get('/api/admin/backup', backupRoute(store, directory));
  app.get('/api/admin/replica', replicaRoute(directory, replica));
  app.use('/api/admin', adminRoutes({
    store, directory, now: now ?? Date.now,
    administrator: (res) => (res.locals.commandLine === true ? COMMAND_LINE
      : { user: signedInUser(res), level: (db) => directory.accessFor(signedInUser(res).name, db).level }),
  }));

  app.get('/api/db/:db/views/:viewId', async (req, res) => {
    const request = parseViewRequest(req);
    const db = database(store, req.params.db);
    res.json(await db.view(req.params.viewId, request, directory.accessFor(signedInUser(res).name, db.name)));
  });

  app.get('/api/db/:db/docs/:id', async (req, res) => {
    const db = database(store, req.params.db);
    // Not 403, and a deleted document as one that never was: whether a document the user may not
    // read exists, or existed, is not theirs to know.
    const doc = await db.get(req.params.id).catch((error: unknown) => {
      if (error instanceof GuanxiError && error.kind === 'not_found') return null;
      throw error;
    });
    const access = directory.accessFor(signedInUser(res).name, db.name);
    if (doc && canRead(access, doc)) {
      res.json(doc);
      return;
    }
    // What the person wrote to that id through the gateway, as it answers them (gateway/phantoms.ts).
    const phantom = await phantomDocFor({ dbName: db.name, user: signedInUser(res), gatewayPouch: store.gatewayPouch, access }, req.params.id);
    if (!phantom) throw createError('not_found', 'missing');
    res.json(phantom);
  });

  app.use('/api', (req, _res, next) => {
    next(createError('not_found', `No API route ${req.method} ${req.originalUrl.split('?')[0]}`));
  });
  app.use(clientRoutes());
  app.use(errorHandler);
  return app;
}

function database(store: Store, name: string): Database {
  if (!isDbName(name)) throw createError('not_found', `No database ${JSON.stringify(name)}; the databases are ${DB_NAMES.join(', ')}`);
  return store.database(name satisfies DbName);
}

/** `?limit=&after=&expandAll=&toggled=`, where `after` and `toggled` are JSON. */
function parseViewRequest(req: Request): ViewPageRequest {
  const query = req.query as Record<string, unknown>;
  const param = (name: string): string | undefined => {
    const value = query[name];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') throw createError('bad_request', `Query parameter ${name} must be given once`);
    return value;
  };
  const request: { -readonly [K in keyof ViewPageRequest]: ViewPageRequest[K] } = {};
  const limit = param('limit');
  if (limit !== undefined) {
    if (!/^\d+$/.test(limit) || Number(limit) < 1) throw createError('bad_request', `limit must be a positive integer, got ${JSON.stringify(limit)}`);
    request.limit = Number(limit);
  }
  const after = param('after');
  if (after !== undefined) {
    const cursor = parseJsonParam('after', after);
    if (cursor !== null && !isCursor(cursor)) throw createError('bad_request', 'after must be null or a cursor {"key": [...], "id"?: "..."} as returned in next');
    request.after = cursor;
  }
  const expandAll = param('expandAll');
  if (expandAll !== undefined) {
    if (!['true', 'false', '1', '0'].includes(expandAll)) throw createError('bad_request', `expandAll must be true or false, got ${JSON.stringify(expandAll)}`);
    request.expandAll = expandAll === 'true' || expandAll === '1';
  }
  const toggled = param('toggled');
  if (toggled !== undefined) {
    const keys = parseJsonParam('toggled', toggled);
    if (!Array.isArray(keys) || !keys.every(Array.isArray)) throw createError('bad_request', 'toggled must be a JSON array of category keys (arrays)');
    request.toggled = keys as Key[];
  }
  return request;
}

function parseJsonParam(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw createError('bad_request', `${name} is not valid JSON: ${(error as Error).message}`);
  }
}

function isCursor(value: unknown): value is Cursor {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const { key, id } = value as { key?: unknown; id?: unknown };
  return Array.isArray(key) && (id === undefined || typeof id === 'string');
}

/** Errors thrown by body-parser (and other http-errors): a status and a `type`. */
interface HttpError {
  readonly status?: number;
  readonly type?: string;
  readonly expose?: boolean;
  readonly message?: string;
}

/** The one error shape of the JSON API: `{error, reason, fields?}`. */
const errorHandler: ErrorRequestHandler = (error: unknown, req, res, next) => {
  if (res.headersSent) {
    next(error);
    return;
  }
  const answer = (status: number, body: object) => res.status(status).json(body);
  if (error instanceof GuanxiError) {
    if (error.status >= 500) {
      req.log.error({ err: error, cause: error.cause }, 'request failed');
      answer(error.status, { ...error.toJSON(), reason: redactCredentials(error.reason) });
    } else {
      answer(error.status, error.toJSON());
    }
    return;
  }
  const { status, type, expose, message } = (error ?? {}) as HttpError;
  if (type === 'entity.parse.failed') {
    answer(400, { error: 'bad_request', reason: `Request body is not valid JSON: ${message ?? ''}`.trim() });
  } else if (type === 'entity.too.large') {
    answer(413, createError('too_large', `Request body is larger than ${BODY_LIMIT}`).toJSON());
  } else if ((expose || error instanceof URIError) && typeof status === 'number' && status >= 400 && status < 500) {
    // URIError: the router could not decode a path parameter (`%zz`), a client's mistake.
    answer(status, { error: 'bad_request', reason: message ?? 'Bad request' });
  } else {
    req.log.error({ err: error }, 'unexpected error');
    answer(500, { error: 'internal_error', reason: `Internal server error; see the server log for request ${String(req.id)}` });
  }
};

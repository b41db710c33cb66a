import express, { type ErrorRequestHandler, type NextFunction, type Request, type RequestHandler, type Response, type Router } from 'express';
import { levelAtLeast } from '../../design/access/acl.js';
import { isDbName } from '../../design/databases.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import { createError, toGuanxiError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { bulkDocs } from './bulk-docs.js';
import { bulkGet, type BulkGetRequest } from './bulk-get.js';
import { changesRoute } from './changes-route.js';
import { readAttachmentRoute, readDocRoute, writeDocRoute } from './doc-routes.js';
import { deleteLocal, getLocal, putLocal } from './local-docs.js';
import { RecentlyShown } from './recently-shown.js';
import { RemovalRevs } from './removal-revs.js';
import { revsDiff } from './revs-diff.js';
import { SeqTokens } from './since-token.js';
import { createSyncContext, type SyncContext } from './sync-context.js';

export interface GatewayOptions {
  readonly store: Store;
  readonly directory: Directory;
  /** Sets `res.locals.user` for a signed-in person, or answers 401. */
  readonly authenticate: RequestHandler;
}

type Handler = (ctx: SyncContext, req: Request, res: Response) => Promise<unknown>;

/**
 * The CouchDB replication protocol, one path per database (`/sync/crm`), in front of either store
 * engine: enough for stock PouchDB `sync()`. Every answer is cut to what the signed-in user may
 * read, and every write is checked for them, document by document.
 */
export function createGatewayRouter({ store, directory, authenticate }: GatewayOptions): Router {
  const router = express.Router();
  let opening: Promise<RemovalRevs> | null = null;
  const shown = new RecentlyShown();
  const removals = () => (opening ??= RemovalRevs.open(store.gatewayPouch).catch((error: unknown) => {
    opening = null;
    throw error;
  }));
  let tokens: SeqTokens | undefined;
  router.use(authenticate);
  router.use(express.json({ limit: '50mb' }));

  router.get('/', async (_req, res) => {
    res.json({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'Guanxi' }, uuid: (await removals()).serverUuid() });
  });

  const route = (handler: Handler): RequestHandler => async (req, res, next) => {
    try {
      const db = String(req.params.db);
      if (!isDbName(db)) throw createError('not_found', 'Database does not exist.');
      const user = res.locals.user as UserContext;
      const access = directory.accessFor(user.name, db);
      if (!levelAtLeast(access.level, 'depositor')) throw createError('forbidden', `You have no access to ${db}`);
      const minted = await removals();
      tokens ??= new SeqTokens(minted.tokenKey());
      const ctx = createSyncContext({ user, dbName: db, db: store.database(db), access, epoch: directory.accessEpoch(user.name, db), removals: minted, tokens, gatewayPouch: store.gatewayPouch, shown });
      const result = await handler(ctx, req, res);
      if (result !== undefined && !res.headersSent) res.json(result);
    } catch (error) {
      next(error);
    }
  };

  router.get('/:db', route(async (ctx) => {
    const info = await ctx.db.pouch.info();
    // Sealed like every sequence (since-token.ts): it tells nobody how far the store has moved.
    return { db_name: ctx.dbName, update_seq: ctx.tokens.encode(ctx.epoch, info.update_seq), instance_start_time: '0', purge_seq: 0 };
  }));
  router.head('/:db', route(async (_ctx, _req, res) => res.end()));
  router.put('/:db', route(async (ctx) => {
    throw createError('conflict', `The database ${ctx.dbName} already exists.`);
  }));
  router.post('/:db', route(async (ctx, req, res) => writeDocRoute(ctx, req.body as Doc, res)));

  router.get('/:db/_changes', route(async (ctx, req, res) => changesRoute(ctx, directory, req, res)));
  router.post('/:db/_changes', route(async (ctx, req, res) => changesRoute(ctx, directory, req, res)));
  router.post('/:db/_revs_diff', route(async (ctx, req) => revsDiff(ctx, req.body as Record<string, string[]>)));
  router.post('/:db/_bulk_get', route(async (ctx, req) => ({
    results: await bulkGet(ctx, ((req.body as { docs?: BulkGetRequest[] }).docs ?? []), {
      revs: req.query.revs === 'true', attachments: req.query.attachments === 'true', latest: req.query.latest === 'true',
    }),
  })));
  router.post('/:db/_bulk_docs', route(async (ctx, req, res) => {
    const body = req.body as { docs?: Doc[]; new_edits?: boolean };
    if (!Array.isArray(body.docs)) throw createError('bad_request', 'POST body must include a docs array');
    const rows = await bulkDocs(ctx, body.docs, body.new_edits !== false);
    // Like CouchDB: without new_edits only the refused documents are listed.
    res.status(201).json(body.new_edits === false ? rows.filter((row) => 'error' in row) : rows);
  }));
  router.post('/:db/_ensure_full_commit', route(async (_ctx, _req, res) => res.status(201).json({ ok: true, instance_start_time: '0' })));

  router.get('/:db/_local/:id', route(async (ctx, req) => getLocal(ctx, String(req.params.id))));
  router.put('/:db/_local/:id', route(async (ctx, req) => putLocal(ctx, String(req.params.id), req.body as Record<string, unknown>)));
  router.delete('/:db/_local/:id', route(async (ctx, req) => deleteLocal(ctx, String(req.params.id), String(req.query.rev))));
  // Design documents run on the server: no workstation reads or writes them.
  router.all('/:db/_design/*rest', route(async () => {
    throw createError('not_found', 'missing');
  }));

  router.get('/:db/:docid', route(async (ctx, req, res) => readDocRoute(ctx, String(req.params.docid), req, res)));
  router.head('/:db/:docid', route(async (ctx, req, res) => readDocRoute(ctx, String(req.params.docid), req, res)));
  router.put('/:db/:docid', route(async (ctx, req, res) => writeDocRoute(ctx, { ...(req.body as Doc), _id: String(req.params.docid) }, res)));
  router.delete('/:db/:docid', route(async (ctx, req, res) => writeDocRoute(ctx, { _id: String(req.params.docid), _rev: String(req.query.rev), _deleted: true }, res)));
  router.get('/:db/:docid/*attachment', route(async (ctx, req, res) => readAttachmentRoute(ctx, String(req.params.docid), attachmentName(req), req, res)));
  router.head('/:db/:docid/*attachment', route(async (ctx, req, res) => readAttachmentRoute(ctx, String(req.params.docid), attachmentName(req), req, res)));

  router.use(((error, _req: Request, res: Response, _next: NextFunction) => {
    const failure = toGuanxiError(error);
    res.status(failure.status).json({ error: failure.error, reason: failure.reason });
  }) as ErrorRequestHandler);
  return router;
}

function attachmentName(req: Request): string {
  const parts = (req.params as Record<string, unknown>).attachment;
  return Array.isArray(parts) ? parts.join('/') : String(parts);
}

import express, { type Request, type RequestHandler, type Response, type Router } from 'express';
import { levelAtLeast } from '../../design/access/acl.js';
import { DB_NAMES, isDbName } from '../../design/databases.js';
import type { UserContext } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import type { Store } from '../store/store.js';
import { accessIndexOf } from './access-index.js';
import { bulkDocs } from './bulk-docs.js';
import { bulkGet } from './bulk-get.js';
import { filesUpToOf } from './files-on-server.js';
import { FILES_UP_TO_HEADER } from '../../design/replication-settings.js';
import { livePhantomCount } from './phantoms.js';
import { changesRoute } from './changes-route.js';
import { readAttachmentRoute, readDocRoute, writeDocRoute } from './doc-routes.js';
import { gatewayErrorHandler, methodNotAllowed, notServed, notServedHere } from './gateway-errors.js';
import { bulkGetRequests, docBody, putDocBody, revsDiffRequest } from './parse-requests.js';
import { docList, objectBody, queryFlag, queryText } from './request-input.js';
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

/** The largest request: a document with its files (50 MB for a StandardDocument) in base64. */
const BODY_LIMIT = '70mb';

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
  // The access indexes are built now, in the background, not by the first person to sync after a
  // start (reading every document once: seconds for 10,000). A failed build is left to that person's request.
  void Promise.allSettled(DB_NAMES.map(async (name) => accessIndexOf(store.database(name).pouch).catchUp()));
  router.use(authenticate);
  router.use(express.json({ limit: BODY_LIMIT }));
  // CouchDB's replicator pushes a document with files as multipart/related (its JSON, then each file).
  router.put('/:db/:docid', express.raw({ type: 'multipart/related', limit: BODY_LIMIT }));

  router.get('/', async (_req, res) => {
    res.json({ couchdb: 'Welcome', version: '3.3.3', vendor: { name: 'Guanxi' }, uuid: (await removals()).serverUuid() });
  });

  router.all('/', methodNotAllowed('GET'));

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
    // doc_count: the documents this person may read, so a new workstation can show its share; a
    // count of their own readable set tells nothing of the others.
    // Their phantoms count as the documents they are to them (phantoms.ts).
    const docCount = await accessIndexOf(ctx.db.pouch).readableCount(ctx.access) + await livePhantomCount(ctx);
    return { db_name: ctx.dbName, doc_count: docCount, update_seq: ctx.tokens.encode(ctx.epoch, info.update_seq), instance_start_time: '0', purge_seq: 0 };
  }));
  router.head('/:db', route(async (_ctx, _req, res) => res.end()));
  router.put('/:db', route(async (ctx) => {
    throw createError('conflict', `The database ${ctx.dbName} already exists.`);
  }));
  router.post('/:db', route(async (ctx, req, res) => writeDocRoute(ctx, docBody(objectBody(req)), res, true)));
  router.all('/:db', methodNotAllowed('GET, HEAD, POST'));

  router.get('/:db/_changes', route(async (ctx, req, res) => changesRoute(ctx, directory, req, res)));
  router.post('/:db/_changes', route(async (ctx, req, res) => changesRoute(ctx, directory, req, res)));
  router.post('/:db/_revs_diff', route(async (ctx, req) => revsDiff(ctx, revsDiffRequest(objectBody(req)))));
  router.post('/:db/_bulk_get', route(async (ctx, req) => ({
    results: await bulkGet(ctx, bulkGetRequests(objectBody(req)), {
      revs: queryFlag(req, 'revs'), attachments: queryFlag(req, 'attachments'), latest: queryFlag(req, 'latest'),
      filesUpTo: filesUpToOf(req.get(FILES_UP_TO_HEADER)),
    }),
  })));
  router.post('/:db/_bulk_docs', route(async (ctx, req, res) => {
    const body = objectBody(req);
    if (body.new_edits !== undefined && typeof body.new_edits !== 'boolean') throw createError('bad_request', 'new_edits must be true or false');
    const rows = await bulkDocs(ctx, docList(body), body.new_edits !== false);
    // Like CouchDB: without new_edits only the refused documents are listed.
    res.status(201).json(body.new_edits === false ? rows.filter((row) => 'error' in row) : rows);
  }));
  router.post('/:db/_ensure_full_commit', route(async (_ctx, _req, res) => res.status(201).json({ ok: true, instance_start_time: '0' })));
  for (const [endpoint, methods] of Object.entries({ _changes: 'GET, POST', _revs_diff: 'POST', _bulk_get: 'POST', _bulk_docs: 'POST', _ensure_full_commit: 'POST' })) {
    router.all(`/:db/${endpoint}`, methodNotAllowed(methods));
  }

  router.get('/:db/_local/:id', route(async (ctx, req) => getLocal(ctx, String(req.params.id))));
  router.put('/:db/_local/:id', route(async (ctx, req) => putLocal(ctx, String(req.params.id), objectBody(req))));
  router.delete('/:db/_local/:id', route(async (ctx, req) => deleteLocal(ctx, String(req.params.id), queryText(req, 'rev') ?? '')));
  router.all('/:db/_local/:id', methodNotAllowed('GET, PUT, DELETE'));
  // Design documents run on the server: no workstation reads or writes them.
  router.all('/:db/_design/*rest', route(async () => {
    throw createError('not_found', 'missing');
  }));
  // The rest of CouchDB's database endpoints (_all_docs, _find, _purge, _compact…) are not served here.
  router.all('/:db/_:endpoint', route(async (_ctx, req) => notServed(req)));
  router.all('/:db/_:endpoint/*rest', route(async (_ctx, req) => notServed(req)));

  router.get('/:db/:docid', route(async (ctx, req, res) => readDocRoute(ctx, String(req.params.docid), req, res)));
  router.head('/:db/:docid', route(async (ctx, req, res) => readDocRoute(ctx, String(req.params.docid), req, res)));
  router.put('/:db/:docid', route(async (ctx, req, res) => {
    const newEdits = queryText(req, 'new_edits') !== 'false';
    await writeDocRoute(ctx, { ...putDocBody(req), _id: String(req.params.docid) }, res, newEdits);
  }));
  router.delete('/:db/:docid', route(async (ctx, req, res) => {
    const rev = queryText(req, 'rev');
    await writeDocRoute(ctx, { _id: String(req.params.docid), ...(rev === undefined ? {} : { _rev: rev }), _deleted: true }, res, true);
  }));
  router.all('/:db/:docid', methodNotAllowed('GET, HEAD, PUT, DELETE'));
  router.get('/:db/:docid/*attachment', route(async (ctx, req, res) => readAttachmentRoute(ctx, String(req.params.docid), attachmentName(req), req, res)));
  router.head('/:db/:docid/*attachment', route(async (ctx, req, res) => readAttachmentRoute(ctx, String(req.params.docid), attachmentName(req), req, res)));
  // Files travel inside their documents; a file on its own is not written here.
  router.all('/:db/:docid/*attachment', methodNotAllowed('GET, HEAD'));
  router.all('/*rest', notServedHere);

  router.use(gatewayErrorHandler);
  return router;
}

function attachmentName(req: Request): string {
  const parts = (req.params as Record<string, unknown>).attachment;
  return Array.isArray(parts) ? parts.join('/') : String(parts);
}

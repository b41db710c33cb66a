import type { Request, Response } from 'express';
import { createError } from '../../engine/errors.js';
import type { Directory } from '../directory/directory.js';
import { readChanges } from './read-changes.js';
import { parseJson } from './request-input.js';
import type { SyncContext } from './sync-context.js';
import { waitForChange } from './wait-for-change.js';

const DEFAULT_TIMEOUT = 60_000;
const MAX_TIMEOUT = 300_000;

/** `_changes`, normal and longpoll (what PouchDB's live sync uses), with heartbeats while it waits. */
export async function changesRoute(ctx: SyncContext, directory: Directory, req: Request, res: Response): Promise<void> {
  const query = { ...req.query, ...(typeof req.body === 'object' && req.body ? req.body : {}) } as Record<string, unknown>;
  const feed = String(query.feed ?? 'normal');
  if (feed !== 'normal' && feed !== 'longpoll') {
    res.status(400).json({ error: 'bad_request', reason: `feed=${feed} is not supported; use normal or longpoll` });
    return;
  }
  const limit = query.limit === undefined ? Infinity : Math.max(1, Number(query.limit) || 1);
  const docIds = docIdsFilter(query);
  const timeout = Math.min(Number(query.timeout) || DEFAULT_TIMEOUT, MAX_TIMEOUT);
  const heartbeat = Number(query.heartbeat) || 0;
  let since = query.since === 'now' ? (await ctx.db.pouch.info()).update_seq : ctx.tokens.decode(query.since, ctx.epoch);
  let page = await readChanges(ctx, since, limit, docIds);

  if (page.results.length === 0 && feed === 'longpoll') {
    res.status(200).type('application/json');
    const beat = heartbeat > 0 ? setInterval(() => res.write('\n'), heartbeat) : undefined;
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const deadline = Date.now() + timeout;
    const current = () => directory.accessEpoch(ctx.user.name, ctx.dbName) === ctx.epoch;
    while (page.results.length === 0 && Date.now() < deadline && current() && !aborted.signal.aborted) {
      since = page.lastSeq;
      await waitForChange(ctx.db.pouch, since, deadline - Date.now(), current, aborted.signal);
      if (current()) page = await readChanges(ctx, since, limit, docIds);
    }
    clearInterval(beat);
    // A changed access epoch ends the wait with a sequence of the new epoch: the next request starts over.
    const epoch = directory.accessEpoch(ctx.user.name, ctx.dbName);
    res.end(JSON.stringify({ results: page.results, last_seq: ctx.tokens.encode(epoch, epoch === ctx.epoch ? page.lastSeq : 0) }));
    return;
  }
  res.json({ results: page.results, last_seq: ctx.tokens.encode(ctx.epoch, page.lastSeq) });
}

/**
 * CouchDB's `filter=_doc_ids`: only these documents, named in `doc_ids` (a JSON array in the query
 * of a GET, an array in the body of a POST). Other filters run design documents, which stay here.
 */
function docIdsFilter(query: Record<string, unknown>): ReadonlySet<string> | undefined {
  const { filter } = query;
  if (filter === undefined) return undefined;
  if (filter !== '_doc_ids') throw createError('bad_request', `filter=${String(filter)} is not supported; use _doc_ids`);
  const ids = typeof query.doc_ids === 'string' ? parseJson(query.doc_ids, 'doc_ids') : query.doc_ids;
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw createError('bad_request', 'filter=_doc_ids needs doc_ids, an array of document ids');
  return new Set(ids);
}

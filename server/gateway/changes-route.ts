import type { Request, Response } from 'express';
import type { Directory } from '../directory/directory.js';
import { changesFilter, type ChangesFilter } from './changes-filter.js';
import { readChanges } from './read-changes.js';
import { winningRevisions, type SyncContext } from './sync-context.js';
import type { StoreSeq } from './since-token.js';
import { watchStoreChanges, type ChangesWatch } from './store-changes-watch.js';

const DEFAULT_TIMEOUT = 60_000;
const MAX_TIMEOUT = 300_000;
/** The shortest heartbeat sent: an empty line a millisecond would only load the server. */
const MIN_HEARTBEAT = 100;

/** CouchDB's `heartbeat`: milliseconds, or `true` for its default (a minute); none when absent or not a positive number. */
function heartbeatOf(value: unknown): number {
  if (value === 'true') return DEFAULT_TIMEOUT;
  const ms = Number(value);
  return Number.isFinite(ms) && ms > 0 ? Math.max(ms, MIN_HEARTBEAT) : 0;
}

/**
 * `_changes`, normal, longpoll (what PouchDB's live sync uses) and continuous (what CouchDB's
 * replicator uses for a continuous replication), with heartbeats while it waits.
 */
export async function changesRoute(ctx: SyncContext, directory: Directory, req: Request, res: Response): Promise<void> {
  const query = { ...req.query, ...(typeof req.body === 'object' && req.body ? req.body : {}) } as Record<string, unknown>;
  const feed = String(query.feed ?? 'normal');
  if (feed !== 'normal' && feed !== 'longpoll' && feed !== 'continuous') {
    res.status(400).json({ error: 'bad_request', reason: `feed=${feed} is not supported; use normal, longpoll or continuous` });
    return;
  }
  const limit = query.limit === undefined ? Infinity : Math.max(1, Number(query.limit) || 1);
  const filter = changesFilter(query, ctx.access.names, (ids) => winningRevisions(ctx, ids));
  const timeout = Math.min(Number(query.timeout) || DEFAULT_TIMEOUT, MAX_TIMEOUT);
  const heartbeat = heartbeatOf(query.heartbeat);
  const since = query.since === 'now' ? (await ctx.db.pouch.info()).update_seq : ctx.tokens.decode(query.since, ctx.epoch);
  if (feed === 'normal') {
    res.json(await readChanges(ctx, since, limit, filter).then((page) => ({ results: page.results, last_seq: ctx.tokens.encode(ctx.epoch, page.lastSeq) })));
    return;
  }
  const watch = await watchStoreChanges(ctx.db.pouch);
  try {
    if (feed === 'continuous') await continuousFeed(ctx, directory, res, watch, { since, limit, filter, heartbeat, timeout: query.timeout === undefined && heartbeat > 0 ? Infinity : timeout });
    else await longpollFeed(ctx, directory, res, watch, { since, limit, filter, heartbeat, timeout });
  } finally {
    watch.release();
  }
}

/** CouchDB's `feed=longpoll`: the changes now, or else the first that comes (within `timeout`), cut as always. */
async function longpollFeed(ctx: SyncContext, directory: Directory, res: Response, watch: ChangesWatch, { since: from, limit, filter, heartbeat, timeout }: FeedOptions): Promise<void> {
  let since = from;
  let mark = watch.mark();
  let page = await readChanges(ctx, since, limit, filter);
  if (page.results.length === 0) {
    res.status(200).type('application/json');
    const beat = heartbeat > 0 ? setInterval(() => res.write('\n'), heartbeat) : undefined;
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const deadline = Date.now() + timeout;
    const current = () => directory.accessEpoch(ctx.user.name, ctx.dbName) === ctx.epoch;
    while (page.results.length === 0 && Date.now() < deadline && current() && !aborted.signal.aborted) {
      since = page.lastSeq;
      await watch.wait(mark, deadline - Date.now(), current, aborted.signal);
      mark = watch.mark();
      if (current()) page = await readChanges(ctx, since, limit, filter);
    }
    clearInterval(beat);
    // A changed access epoch ends the wait with a sequence of the new epoch: the next request starts over.
    const epoch = directory.accessEpoch(ctx.user.name, ctx.dbName);
    res.end(JSON.stringify({ results: page.results, last_seq: ctx.tokens.encode(epoch, epoch === ctx.epoch ? page.lastSeq : 0) }));
    return;
  }
  res.json({ results: page.results, last_seq: ctx.tokens.encode(ctx.epoch, page.lastSeq) });
}

interface FeedOptions {
  readonly since: StoreSeq;
  readonly limit: number;
  readonly filter: ChangesFilter;
  readonly heartbeat: number;
  /** How long to wait for the next change before ending the feed; with a heartbeat and no timeout, until the client goes. */
  readonly timeout: number;
}

/**
 * CouchDB's `feed=continuous`: one line of JSON per change as it happens, cut to what the person may
 * see exactly as the other feeds are, an empty line every `heartbeat`, and a last line with
 * `last_seq` when the feed ends (at `limit`, after `timeout` without a change, or when the person's
 * access changes: then with a sequence of the new epoch, so that the client starts over).
 */
async function continuousFeed(ctx: SyncContext, directory: Directory, res: Response, watch: ChangesWatch, options: FeedOptions): Promise<void> {
  res.status(200).type('application/json');
  const beat = options.heartbeat > 0 ? setInterval(() => res.write('\n'), options.heartbeat) : undefined;
  const aborted = new AbortController();
  res.on('close', () => aborted.abort());
  const current = () => directory.accessEpoch(ctx.user.name, ctx.dbName) === ctx.epoch;
  let since = options.since;
  let sent = 0;
  let lastSent = Date.now();
  try {
    while (current() && !aborted.signal.aborted) {
      const mark = watch.mark();
      const page = await readChanges(ctx, since, options.limit - sent, options.filter);
      for (const row of page.results) res.write(`${JSON.stringify(row)}\n`);
      sent += page.results.length;
      since = page.lastSeq;
      if (page.results.length > 0) lastSent = Date.now();
      const left = options.timeout - (Date.now() - lastSent);
      if (sent >= options.limit || left <= 0) break;
      // Changes the person may not see wake the wait too, and count as no change.
      await watch.wait(mark, Math.min(left, DEFAULT_TIMEOUT), current, aborted.signal);
    }
  } finally {
    clearInterval(beat);
  }
  if (aborted.signal.aborted) return;
  const epoch = directory.accessEpoch(ctx.user.name, ctx.dbName);
  res.end(`${JSON.stringify({ last_seq: ctx.tokens.encode(epoch, epoch === ctx.epoch ? since : 0), pending: 0 })}\n`);
}

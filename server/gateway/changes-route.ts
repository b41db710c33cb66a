import type { Request, Response } from 'express';
import type { Directory } from '../directory/directory.js';
import { readChanges } from './read-changes.js';
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
  const timeout = Math.min(Number(query.timeout) || DEFAULT_TIMEOUT, MAX_TIMEOUT);
  const heartbeat = Number(query.heartbeat) || 0;
  let since = query.since === 'now' ? (await ctx.db.pouch.info()).update_seq : ctx.tokens.decode(query.since, ctx.epoch);
  let page = await readChanges(ctx, since, limit);

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
      if (current()) page = await readChanges(ctx, since, limit);
    }
    clearInterval(beat);
    // A changed access epoch ends the wait with a sequence of the new epoch: the next request starts over.
    const epoch = directory.accessEpoch(ctx.user.name, ctx.dbName);
    res.end(JSON.stringify({ results: page.results, last_seq: ctx.tokens.encode(epoch, epoch === ctx.epoch ? page.lastSeq : 0) }));
    return;
  }
  res.json({ results: page.results, last_seq: ctx.tokens.encode(ctx.epoch, page.lastSeq) });
}

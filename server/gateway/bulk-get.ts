import { canRead } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { withoutLargeFiles } from './files-on-server.js';
import { getEach, isLocalStore } from './local-store.js';
import { answerInParts } from './phantoms.js';
import { removalDoc } from './removal-doc.js';
import { isRemovalRev, isVisible, servedLeaves, winningRevisions, type SyncContext } from './sync-context.js';
import { withoutUnsafeFiles } from './unsafe-files.js';

export interface BulkGetRequest {
  readonly id: string;
  readonly rev?: string;
  readonly atts_since?: string[];
}

export interface BulkGetOptions {
  readonly revs: boolean;
  readonly attachments: boolean;
  readonly latest: boolean;
  /** Files larger than this many bytes are left on the server (files-on-server.ts); null: every file. */
  readonly filesUpTo?: number | null;
}

type BulkGetDoc = { ok: Doc } | { error: { id: string; rev: string; error: string; reason: string } };
export interface BulkGetResult {
  readonly id: string;
  readonly docs: BulkGetDoc[];
}

/**
 * CouchDB's `_bulk_get`: what the workstation is missing. A document the user may not see is
 * answered exactly like one that does not exist, except a removal revision minted for them.
 *
 * Replication asks for the winning revisions it was just told about, so the store is read once:
 * whether the user may read a document is decided on the winning revision among those returned,
 * and only the rare other cases (an old or losing revision asked for) read the winner separately.
 */
export async function bulkGet(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<BulkGetResult[]> {
  return answerInParts(ctx, requests, (r) => r.id, (part, asked) => bulkGetFrom(part, asked, options));
}

async function bulkGetFrom(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<BulkGetResult[]> {
  const shown = (r: BulkGetRequest) => r.rev !== undefined && ctx.shown.has(ctx.feed, r.id, r.rev);
  const [quick, checked] = await Promise.all([readShown(ctx, requests.filter(shown), options), readChecked(ctx, requests.filter((r) => !shown(r)), options)]);
  const answers = new Map<BulkGetRequest, BulkGetResult>([...quick.answered, ...checked]);
  for (const [request, answer] of await readChecked(ctx, quick.changed, options)) answers.set(request, answer);
  return requests.map((r) => {
    const answer = answers.get(r)!;
    return { ...answer, docs: answer.docs.map((d) => ('ok' in d ? { ok: withoutLargeFiles(withoutUnsafeFiles(d.ok), options.filesUpTo ?? null) } : d)) };
  });
}

function storeOptions(requests: readonly BulkGetRequest[], options: BulkGetOptions): PouchDB.Core.BulkGetOptions {
  return { docs: requests.map((r) => ({ ...r })), revs: options.revs, attachments: options.attachments, latest: options.latest, binary: false } as PouchDB.Core.BulkGetOptions;
}

/**
 * The store's answer to each request, in the order asked. PouchDB's own `bulkGet` (the embedded
 * engine's, and express-pouchdb's in front of the couchdb engine's tests) answers per document, not
 * per request: two revisions of one document that `latest` leads to the same leaf come back as one
 * result, and every later result moves up a place — the last request was answered with nothing, and
 * a replica silently lacked that document. So each call asks about a document once.
 */
async function storeBulkGet(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<BulkGetDoc[][]> {
  const calls: BulkGetRequest[][] = [];
  const asked = new Map<string, number>();
  const places = requests.map((r) => {
    const call = asked.get(r.id) ?? 0;
    asked.set(r.id, call + 1);
    return [call, (calls[call] ??= []).push(r) - 1] as const;
  });
  const answers = await Promise.all(calls.map((call) => ctx.db.pouch.bulkGet(storeOptions(call, options))));
  return places.map(([call, i]) => (answers[call]!.results[i]?.docs ?? []) as BulkGetDoc[]);
}

/**
 * Revisions the changes feed has just shown this user: read straight from the store while each is
 * still its document's winner (then it is a leaf they may read). One that has moved on since
 * (`latest` returns a newer revision, or another revision won) goes back to the full check.
 */
async function readShown(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<{ answered: [BulkGetRequest, BulkGetResult][]; changed: BulkGetRequest[] }> {
  if (requests.length === 0) return { answered: [], changed: [] };
  if (isLocalStore(ctx.db.pouch)) return readShownWinners(ctx, requests, options);
  const [results, { rows: heads }] = await Promise.all([
    storeBulkGet(ctx, requests, options), ctx.db.pouch.allDocs({ keys: [...new Set(requests.map((r) => r.id))] }),
  ]);
  const winnerRev = new Map(heads.flatMap((row) => ('error' in row ? [] : [[row.id, row.value.rev] as const])));
  const answered: [BulkGetRequest, BulkGetResult][] = [];
  const changed: BulkGetRequest[] = [];
  requests.forEach((r, i) => {
    const docs = results[i]!;
    // An empty answer is no answer: the full check says what it is.
    if (r.rev === winnerRev.get(r.id) && docs.length > 0 && docs.every((d) => 'ok' in d && d.ok._rev === r.rev)) answered.push([r, { id: r.id, docs }]);
    else changed.push(r);
  });
  return { answered, changed };
}

/**
 * readShown on a store of this process's own (local-store.ts): each document's winner read once
 * with one `get`, answered where it is the revision asked for. A first replica asks only for
 * winners, so each body is read once, here (the changes feed decided from the access index).
 */
async function readShownWinners(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<{ answered: [BulkGetRequest, BulkGetResult][]; changed: BulkGetRequest[] }> {
  const winners = await getEach<Doc>(ctx.db.pouch, requests.map((r) => r.id), { revs: options.revs, attachments: options.attachments, binary: false });
  const answered: [BulkGetRequest, BulkGetResult][] = [];
  const changed: BulkGetRequest[] = [];
  requests.forEach((r, i) => {
    const winner = winners[i];
    if (winner && winner._rev === r.rev) answered.push([r, { id: r.id, docs: [{ ok: winner as Doc }] }]);
    else changed.push(r);
  });
  return { answered, changed };
}

/** Anything else: the winning revision decides whether the user may see the document at all. */
async function readChecked(ctx: SyncContext, requests: readonly BulkGetRequest[], options: BulkGetOptions): Promise<[BulkGetRequest, BulkGetResult][]> {
  if (requests.length === 0) return [];
  const ids = requests.map((r) => String(r.id));
  const asked: Record<string, string[]> = {};
  for (const r of requests) if (r.rev) (asked[r.id] ??= []).push(r.rev);
  const [{ rows: heads }, unknown] = await Promise.all([ctx.db.pouch.allDocs({ keys: [...new Set(ids)] }), ctx.db.pouch.revsDiff(asked)]);
  // Revisions the store does not have (removal revisions among them) are not asked of it: PouchDB's
  // `latest` lookup throws, uncaught, on a revision it does not know.
  const stored = requests.map((r) => !r.rev || !(unknown[r.id]?.missing ?? []).includes(r.rev));
  const fromStore = requests.filter((_r, i) => stored[i]);
  const found = await storeBulkGet(ctx, fromStore, options);
  let next = 0;
  const results = requests.map((_r, i) => (stored[i] ? found[next++] : undefined));
  const winnerRev = new Map<string, { rev: string; deleted: boolean }>();
  for (const row of heads) if (!('error' in row)) winnerRev.set(row.id, { rev: row.value.rev, deleted: row.value.deleted === true });

  const winners = new Map<string, Doc | null>();
  requests.forEach((request, i) => {
    const head = winnerRev.get(request.id);
    if (!head) return;
    // A deletion is no winner to read (it carries no readers): whether it is seen goes by the manifest.
    if (head.deleted) {
      winners.set(request.id, null);
      return;
    }
    const found = results[i]?.find((d) => 'ok' in d && d.ok._rev === head.rev);
    if (found && 'ok' in found) winners.set(request.id, found.ok as Doc);
  });
  const unread = [...winnerRev.keys()].filter((id) => !winners.has(id));
  for (const [id, doc] of await winningRevisions(ctx, unread)) winners.set(id, doc);
  const unclear = ids.filter((id) => !(winners.get(id) && canRead(ctx.access, winners.get(id)!)));
  // Revisions the store does not have may be removals of a branch withdrawn from a visible document.
  const entries = await ctx.manifest.read([...new Set([...unclear, ...requests.filter((_r, i) => !stored[i]).map((r) => r.id)])]);

  const served = new Map<string, Promise<Map<string, Doc>>>();
  const servedOf = (id: string) => served.get(id) ?? served.set(id, servedLeaves(ctx, id, true)).get(id)!;
  return Promise.all(requests.map(async (request, i): Promise<[BulkGetRequest, BulkGetResult]> => {
    const entry = entries.get(request.id);
    if (request.rev && !stored[i] && isRemovalRev(ctx, request.id, request.rev, entry)) {
      return [request, { id: request.id, docs: [{ ok: await removalDoc(ctx, request.id, request.rev, entry!) }] }];
    }
    if (isVisible(ctx, request.id, winners.get(request.id), entry)) {
      // The winner is served; any other revision only if it is a leaf the user may read.
      const found = results[i] ?? [];
      if (found.length === 0) return [request, { id: request.id, docs: [missing(request)] }];
      const docs = await Promise.all(found.map(async (d) => (
        !('ok' in d) || d.ok._rev === winnerRev.get(request.id)?.rev || (await servedOf(request.id)).has(String(d.ok._rev)) ? d : missing(request))));
      // Asked without a revision, Apache CouchDB may answer every leaf (a deleted branch of an id
      // created afresh among them): only what may be served is answered, as for a fresh id.
      const answered = request.rev ? docs : docs.filter((d) => 'ok' in d);
      return [request, { id: request.id, docs: answered.length > 0 ? answered : [missing(request)] }];
    }
    return [request, { id: request.id, docs: [missing(request)] }];
  }));
}

function missing(request: BulkGetRequest): BulkGetDoc {
  return { error: { id: request.id, rev: request.rev ?? 'undefined', error: 'not_found', reason: 'missing' } };
}

type Remote = PouchDB.Database<Record<string, unknown>>;
type BulkGetResponse = PouchDB.Core.BulkGetResponse<Record<string, unknown>>;
type BulkGetResult = BulkGetResponse['results'][number];
/** `latest` (the leaf that replaced a requested revision) is CouchDB's and PouchDB's replicator's, missing in the types. */
type BulkGetOptions = PouchDB.Core.BulkGetOptions & { latest?: boolean };

/** One page of the gateway's changes feed whose documents are being read ahead. */
interface Page {
  /** The answer to `_bulk_get` for every leaf revision the page names, by `id + '\0' + rev`. */
  readonly results: Promise<Map<string, BulkGetResult> | null>;
  readonly pairs: ReadonlySet<string>;
}

const pairKey = (id: string, rev: string): string => `${id}\0${rev}`;

/**
 * Reads the documents of the gateway's next changes page while the replica writes the current one.
 * PouchDB's replicator reads the changes feed ahead but handles one batch at a time: `_revs_diff`,
 * `_bulk_get`, the replica's write, the checkpoint. During a first replica the gateway's `_bulk_get`
 * time and the browser's write time added up. This wraps the remote database: each full page of
 * changes (a large catch-up is under way) starts a `_bulk_get` of all its leaf revisions, and the
 * replicator's own `bulkGet` is answered from it when the page covers what it asks. Everything
 * else — which revisions are missing, conflicts, deletions, attachments, denials, checkpoints and
 * retries — stays PouchDB's; a request no page covers goes to the gateway as before.
 */
export function readAhead(remote: Remote, pagesAhead: number): Remote {
  const changes = remote.changes.bind(remote);
  const bulkGet = remote.bulkGet.bind(remote) as (options: BulkGetOptions) => Promise<BulkGetResponse>;
  const waiting: (readonly string[])[] = [];
  const pages: Page[] = [];
  const read = (pairs: readonly string[]): Page => {
    const docs = pairs.map((pair) => {
      const [id, rev] = pair.split('\0') as [string, string];
      return { id, rev };
    });
    // CouchDB answers each requested revision in its place; anything else is left to the replicator's own request.
    const results = bulkGet({ docs, revs: true, latest: true }).then(
      ({ results: answers }) => (answers.length === pairs.length ? new Map(answers.map((answer, i) => [pairs[i]!, answer])) : null),
      () => null,
    );
    return { results, pairs: new Set(pairs) };
  };
  const pump = (): void => {
    while (pages.length < pagesAhead && waiting.length > 0) pages.push(read(waiting.shift()!));
  };

  remote.changes = ((options: PouchDB.Core.ChangesOptions) => {
    const feed = changes(options);
    if (!options.live && !options.doc_ids && options.limit) {
      const limit = options.limit;
      feed.then(({ results }) => {
        if (results.length < limit) return;
        waiting.push(results.flatMap((change) => change.changes.map(({ rev }) => pairKey(change.id, rev))));
        pump();
      }, () => undefined);
    }
    return feed;
  }) as Remote['changes'];

  remote.bulkGet = (async (options: BulkGetOptions) => {
    const wanted = options.docs.map(({ id, rev }) => pairKey(id, rev ?? ''));
    const plain = options.revs === true && options.latest === true && !options.attachments;
    const last = plain ? coveringPage(pages, wanted) : -1;
    if (last < 0) return bulkGet(options);
    // The replicator went past the pages before this one (their documents were all held already).
    const used = pages.splice(0, last + 1);
    pump();
    const answers = await Promise.all(used.map((page) => page.results));
    const results: BulkGetResult[] = [];
    for (const pair of wanted) {
      const answer = answers.map((map) => map?.get(pair)).find((found) => found !== undefined);
      if (!answer) return bulkGet(options);
      results.push(answer);
    }
    return { results };
  }) as Remote['bulkGet'];
  return remote;
}

/** The index of the last page read ahead that the request needs, if those pages together cover it; else -1. */
function coveringPage(pages: readonly Page[], wanted: readonly string[]): number {
  let last = -1;
  for (const pair of wanted) {
    const index = pages.findIndex((page) => page.pairs.has(pair));
    if (index < 0) return -1;
    last = Math.max(last, index);
  }
  return last;
}

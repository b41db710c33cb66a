type RevsDiff = PouchDB.Core.RevisionDiffOptions;
type RevsDiffAnswer = PouchDB.Core.RevisionDiffResponse;

/**
 * PouchDB's `revsDiff` on IndexedDB reads each document's revision tree in a transaction of its
 * own: a first replica's batch of 1,000 documents, nearly all of them new here, opened 1,000
 * transactions for it. This asks which of the documents the replica holds in one transaction
 * (`allDocs` by keys; a deleted document is held too), answers for the others that every revision
 * is missing, as PouchDB does for a document it does not have, and leaves those held to PouchDB.
 */
export function batchRevsDiff(pouch: PouchDB.Database): void {
  const own = pouch.revsDiff.bind(pouch) as (request: RevsDiff) => Promise<RevsDiffAnswer>;
  const batched = async (request: RevsDiff): Promise<RevsDiffAnswer> => {
    const ids = Object.keys(request);
    if (ids.length < 2) return own(request);
    const { rows } = await pouch.allDocs({ keys: ids });
    const held: RevsDiff = {};
    const answer: RevsDiffAnswer = {};
    rows.forEach((row, i) => {
      const id = ids[i]!;
      if ('error' in row && row.error === 'not_found') answer[id] = { missing: [...request[id]!] };
      else held[id] = request[id]!;
    });
    return Object.keys(held).length === 0 ? answer : { ...answer, ...(await own(held)) };
  };
  pouch.revsDiff = batched as typeof pouch.revsDiff;
}

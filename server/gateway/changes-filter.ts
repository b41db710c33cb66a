import type { Doc } from '../../design/form.js';
import { customerToJudge, isKeptAsMine, isKeptByDate, isOwnedBy, KEPT_FILTER } from '../../design/replication-settings.js';
import { createError } from '../../engine/errors.js';
import { parseJson } from './request-input.js';

/** What a `_changes` request's filter lets through, beyond what the person may read. */
export interface ChangesFilter {
  /** CouchDB's `filter=_doc_ids`: only these documents. */
  readonly docIds?: ReadonlySet<string>;
  /** A workstation's replication settings (`filter=guanxi/kept`): whether it takes this readable document. */
  readonly keep?: (doc: Doc) => boolean;
  /** Reads what `keep` needs to judge these documents (the customers they are filed under); awaited before `keep` is asked about them. */
  readonly prepare?: (docs: readonly Doc[]) => Promise<void>;
}

/** The current documents of these ids (null: deleted; absent: none), as the store holds them. */
export type ReadDocs = (ids: readonly string[]) => Promise<ReadonlyMap<string, Doc | null>>;

/** The largest `mail_months` asked: a hundred years is everything. */
const MAX_MONTHS = 1200;

/**
 * The filters the gateway runs: `_doc_ids` (a JSON array in the query of a GET, an array in the
 * body of a POST), and `guanxi/kept` with `mail_months=N` (the workstation keeps mail and activities
 * of the last N months; the cut-off moves with the clock, so the checkpoint stays valid) and
 * `mine=true` (the person's customers, `names`, and what is filed under them: isKeptAsMine; the
 * customers are read with `readDocs`). Other filters run design documents, which stay on the server.
 */
export function changesFilter(query: Record<string, unknown>, names: ReadonlySet<string>, readDocs: ReadDocs = async () => new Map(), now: () => Date = () => new Date()): ChangesFilter {
  const { filter } = query;
  if (filter === undefined) return {};
  if (filter === '_doc_ids') {
    const ids = typeof query.doc_ids === 'string' ? parseJson(query.doc_ids, 'doc_ids') : query.doc_ids;
    if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')) throw createError('bad_request', 'filter=_doc_ids needs doc_ids, an array of document ids');
    return { docIds: new Set(ids) };
  }
  if (filter === KEPT_FILTER) {
    const months = monthsOf(query.mail_months);
    const mine = flagOf(query.mine);
    if (months === null && !mine) return {};
    if (!mine) return { keep: (doc) => isKeptByDate(doc, months, now()) };
    const customers = myCustomers(names, readDocs);
    return { keep: (doc) => isKeptByDate(doc, months, now()) && isKeptAsMine(doc, names, customers.isMine), prepare: customers.prepare };
  }
  throw createError('bad_request', `filter=${String(filter)} is not supported; use _doc_ids or ${KEPT_FILTER}`);
}

/**
 * Whether customers are the person's, read as documents filed under them pass, and remembered for
 * the request. A customer in the batch itself is judged by that body, the current one: a customer
 * just handed over to the person brings what is filed under it from then on.
 */
function myCustomers(names: ReadonlySet<string>, readDocs: ReadDocs) {
  const mine = new Map<string, boolean>();
  return {
    isMine: (id: string) => mine.get(id) === true,
    async prepare(docs: readonly Doc[]): Promise<void> {
      for (const doc of docs) if (doc.form === 'Customer' && typeof doc._id === 'string') mine.set(doc._id, isOwnedBy(doc, names));
      const ids = [...new Set(docs.map((doc) => customerToJudge(doc, names)))].filter((id): id is string => id !== undefined && !mine.has(id));
      if (ids.length === 0) return;
      const found = await readDocs(ids);
      for (const id of ids) {
        const customer = found.get(id);
        mine.set(id, customer?.form === 'Customer' && isOwnedBy(customer, names));
      }
    },
  };
}

function flagOf(value: unknown): boolean {
  if (value === undefined || value === 'false' || value === false) return false;
  if (value === 'true' || value === true) return true;
  throw createError('bad_request', 'mine must be true or false');
}

function monthsOf(value: unknown): number | null {
  if (value === undefined || value === '') return null;
  const months = Number(value);
  if (!Number.isInteger(months) || months < 0 || months > MAX_MONTHS) throw createError('bad_request', `mail_months must be a whole number of months from 0 to ${MAX_MONTHS}`);
  return months;
}

import type { Doc } from '../../design/form.js';
import { isKeptByDate, isKeptByOwner, KEPT_FILTER } from '../../design/replication-settings.js';
import { createError } from '../../engine/errors.js';
import { parseJson } from './request-input.js';

/** What a `_changes` request's filter lets through, beyond what the person may read. */
export interface ChangesFilter {
  /** CouchDB's `filter=_doc_ids`: only these documents. */
  readonly docIds?: ReadonlySet<string>;
  /** A workstation's replication settings (`filter=guanxi/kept`): whether it takes this readable document. */
  readonly keep?: (doc: Doc) => boolean;
}

/** The largest `mail_months` asked: a hundred years is everything. */
const MAX_MONTHS = 1200;

/**
 * The filters the gateway runs: `_doc_ids` (a JSON array in the query of a GET, an array in the
 * body of a POST), and `guanxi/kept` with `mail_months=N` (the workstation keeps mail and activities
 * of the last N months; the cut-off moves with the clock, so the checkpoint stays valid) and
 * `mine=true` (only documents whose salesperson is the person, `names`, or that name none). Other
 * filters run design documents, which stay on the server.
 */
export function changesFilter(query: Record<string, unknown>, names: ReadonlySet<string>, now: () => Date = () => new Date()): ChangesFilter {
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
    return { keep: (doc) => isKeptByDate(doc, months, now()) && (!mine || isKeptByOwner(doc, names)) };
  }
  throw createError('bad_request', `filter=${String(filter)} is not supported; use _doc_ids or ${KEPT_FILTER}`);
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

import type { Access } from '../../design/access/acl.js';
import { LANGUAGES, type Lang } from '../../design/label.js';
import { choiceLabel } from '../../design/reference/choice-label.js';
import { createError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';
import { checkStartPosition, resolveLabelFormat, type LabelSheetFormat } from './label-formats.js';
import { renderLabels } from './label-sheet.js';
import { renderListCsv } from './list-csv.js';
import { listKind, type ListKind } from './list-kinds.js';
import { renderListPdf } from './list-pdf.js';
import { listRows } from './list-rows.js';
import type { JobControl } from './pdf-output.js';
import { parsePrintSelection, selectEntries, type PrintSelection, type SelectedEntries } from './print-selection.js';

/** A printed file as the browser gets it. */
export interface PrintFile {
  readonly body: Uint8Array | string;
  readonly type: string;
  readonly filename: string;
}

export const PRINT_KINDS = ['labels', 'list'] as const;
export type PrintKind = (typeof PRINT_KINDS)[number];

/** A print request, checked before any work starts, so that a mistake is answered at once and not by a failed job. */
export type PrintRequest =
  | { readonly kind: 'labels'; readonly selection: PrintSelection; readonly format: LabelSheetFormat; readonly start: number; readonly outline: boolean }
  | { readonly kind: 'list'; readonly selection: PrintSelection; readonly list: ListKind; readonly lang: Lang; readonly output: 'pdf' | 'csv' };

/**
 * Labels: `{format?, start?, outline?, docIds | view}`; a list: `{kind: 'address'|'phone', lang?,
 * format?: 'pdf'|'csv', docIds | view}` (see print-selection.ts for `docIds` and `view`).
 */
export function parsePrintRequest(kind: PrintKind, body: unknown): PrintRequest {
  const fields = bodyOf(body);
  const selection = parsePrintSelection(fields);
  if (kind === 'labels') {
    const format = resolveLabelFormat(fields.format ?? 'L7160');
    return { kind, selection, format, start: checkStartPosition(format, fields.start), outline: fields.outline === true };
  }
  const output = fields.format ?? 'pdf';
  if (output !== 'pdf' && output !== 'csv') throw createError('bad_request', `format must be "pdf" or "csv", got ${JSON.stringify(output)}`);
  return { kind, selection, list: listKind(fields.kind), lang: langOf(fields.lang), output };
}

/** The file a request asks for, with what `viewer` may read (everything, for the server). */
export async function renderPrintRequest(store: Store, request: PrintRequest, viewer: Access | undefined, control: JobControl = {}): Promise<PrintFile> {
  const selected = await selectEntries(store, request.selection, viewer, control);
  control.signal?.throwIfAborted();
  if (request.kind === 'labels') {
    const { format, start, outline } = request;
    return { body: await renderLabels(selected.entries.map((entry) => entry.addressee), { format, start, outline, ...control }), type: 'application/pdf', filename: `labels-${format.id}.pdf` };
  }
  const { list, lang } = request;
  const { view } = selected;
  const entries = namedCategories(selected, lang);
  if (request.output === 'csv') {
    return { body: renderListCsv(entries, list, lang, view?.categoryTitles.map((title) => title[lang])), type: 'text/csv; charset=utf-8', filename: `${list.id}-list.csv` };
  }
  return { body: await renderListPdf(listRows(entries), { kind: list, lang, source: view?.name[lang], ...control }), type: 'application/pdf', filename: `${list.id}-list.pdf` };
}

/** The entries with categories by a code (a country) headed by its name in the list's language. */
export function namedCategories({ entries, view }: SelectedEntries, lang: Lang): SelectedEntries['entries'] {
  return view ? entries.map((entry) => ({ ...entry, categories: entry.categories.map((title, level) => choiceLabel(view.categoryFields[level], title, lang)) })) : entries;
}

export function langOf(value: unknown): Lang {
  if (value === undefined) return 'zh';
  if (typeof value !== 'string' || !(LANGUAGES as readonly string[]).includes(value)) throw createError('bad_request', `lang must be one of ${LANGUAGES.join(', ')}`);
  return value as Lang;
}

function bodyOf(body: unknown): Record<string, unknown> {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) throw createError('bad_request', 'The request body must be a JSON object');
  return body as Record<string, unknown>;
}

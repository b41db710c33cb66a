import type { Access } from '../../design/access/acl.js';
import { withConfiguredChoices } from '../../design/configured-choices.js';
import type { FieldDef } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import type { Lang } from '../../design/label.js';
import { createError } from '../../engine/errors.js';
import type { ViewPageRequest } from '../../engine/view-page.js';
import { localDateTimeText } from '../../design/local-time.js';
import { viewById } from '../../views/catalog.js';
import { columnFieldDef } from '../../views/column-field.js';
import type { ColumnDef } from '../../views/view-def.js';
import { readViewRows } from '../print/read-view-rows.js';
import { readSettingsFor } from '../store/read-settings.js';
import type { Database } from '../store/store.js';
import { cellText, writeCsv } from './csv-write.js';

/** Where the server runs: the time zone of an export that names none. */
const SERVER_TIME_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * A view as CSV, as `viewer` may read it, in the person's language and `timeZone`: its columns under their titles in the chosen language, one row per document
 * in view order, choices by their label (现有客户, not `existing`) so that the file reads as the
 * view does and imports back (with the categories and stage probabilities configured). A document listed under several categories (two owners) is one
 * row whose categorised cells hold all of them.
 */
export async function exportViewCsv(db: Database, viewId: string, lang: Lang, request: ViewPageRequest = {}, viewer?: Access, timeZone = SERVER_TIME_ZONE): Promise<string> {
  const view = viewById(viewId);
  if (!view || view.def.db !== db.name) throw createError('not_found', `No view ${viewId} in database ${db.name}`);
  const columns = view.def.columns;
  const settings = await readSettingsFor(db.pouch, view.def.forms.map((form) => ({ form })));
  const fields = columns.map((column, i) => {
    const field = column.part ? undefined : columnFieldDef(view.def, i);
    return field && withConfiguredChoices(field, settings);
  });
  const rows = new Map<string, unknown[][]>();
  for await (const row of readViewRows(db, viewId, { ...request, expandAll: true, toggled: [] }, viewer)) {
    if (row.kind !== 'document') continue;
    const cells = rows.get(row.id) ?? columns.map(() => []);
    row.values.forEach((value, i) => {
      for (const item of Array.isArray(value) ? value : [value]) {
        const shown = cellText(item);
        if (shown !== '' && !cells[i]!.some((kept) => cellText(kept) === shown)) cells[i]!.push(item);
      }
    });
    rows.set(row.id, cells);
  }
  const body = [...rows.values()].map((cells) => cells.map((values, i) => values.map((value) => shownValue(columns[i]!, fields[i], value, lang, timeZone))));
  return writeCsv(columns.map((column) => column.title[lang]), body);
}

/**
 * A cell as the person reads it in the view: a choice by its label, a time in their time zone
 * (not UTC ISO), a document's form by its name in their language (客户资料, not Customer).
 */
function shownValue(column: ColumnDef, field: FieldDef | undefined, value: unknown, lang: Lang, timeZone: string): unknown {
  if (typeof value !== 'string') return value;
  if (column.field === 'form' && !column.part) return formByName(value)?.label[lang] ?? value;
  if (field?.type === 'datetime' && !Number.isNaN(Date.parse(value))) return localDateTimeText(new Date(value), timeZone);
  if (field?.type !== 'choice') return value;
  return field.choices?.find((choice) => choice.value === value)?.label[lang] ?? value;
}

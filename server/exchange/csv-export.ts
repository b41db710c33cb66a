import type { Access } from '../../design/access/acl.js';
import { withConfiguredChoices } from '../../design/configured-choices.js';
import type { FieldDef } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import type { Lang } from '../../design/label.js';
import { createError } from '../../engine/errors.js';
import type { ViewPageRequest } from '../../engine/view-page.js';
import type { ColumnDef } from '../../views/view-def.js';
import { viewById } from '../../views/catalog.js';
import { readViewRows } from '../print/read-view-rows.js';
import { readSettingsFor } from '../store/read-settings.js';
import type { Database } from '../store/store.js';
import { cellText, writeCsv } from './csv-write.js';

/**
 * A view as CSV, as `viewer` may read it: its columns under their titles in the chosen language, one row per document
 * in view order, choices by their label (现有客户, not `existing`) so that the file reads as the
 * view does and imports back (with the categories and stage probabilities configured). A document listed under several categories (two owners) is one
 * row whose categorised cells hold all of them.
 */
export async function exportViewCsv(db: Database, viewId: string, lang: Lang, request: ViewPageRequest = {}, viewer?: Access): Promise<string> {
  const view = viewById(viewId);
  if (!view || view.def.db !== db.name) throw createError('not_found', `No view ${viewId} in database ${db.name}`);
  const columns = view.def.columns;
  const settings = await readSettingsFor(db.pouch, view.def.forms.map((form) => ({ form })));
  const fields = columns.map((column) => {
    const field = fieldOf(view.def.forms, column);
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
  const body = [...rows.values()].map((cells) => cells.map((values, i) => values.map((value) => shownValue(fields[i], value, lang))));
  return writeCsv(columns.map((column) => column.title[lang]), body);
}

function fieldOf(forms: readonly string[], column: ColumnDef): FieldDef | undefined {
  return column.part ? undefined : forms.map((form) => formByName(form)?.fields[column.field]).find((field) => field !== undefined);
}

function shownValue(field: FieldDef | undefined, value: unknown, lang: Lang): unknown {
  if (field?.type !== 'choice' || typeof value !== 'string') return value;
  return field.choices?.find((choice) => choice.value === value)?.label[lang] ?? value;
}

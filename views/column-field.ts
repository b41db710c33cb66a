import type { FieldDef } from '../design/form.js';
import { formByName } from '../design/forms/index.js';
import type { ViewDef } from './view-def.js';

const COMMON_FIELD_DEFS: Record<string, FieldDef> = {
  created: { type: 'datetime', label: { zh: '创建时间', en: 'Created' } },
  modified: { type: 'datetime', label: { zh: '修改时间', en: 'Modified' } },
};

/** The field behind a view's column, from the first of the view's forms that has it. */
export function columnFieldDef(view: ViewDef, column: number): FieldDef | undefined {
  const field = view.columns[column]?.field;
  if (field === undefined) return undefined;
  for (const form of view.forms) {
    const def = formByName(form)?.fields[field];
    if (def) return def;
  }
  return COMMON_FIELD_DEFS[field];
}

import { withConfiguredChoices, type SettingsLookup } from '../design/configured-choices.js';
import type { Doc, FieldDef } from '../design/form.js';
import { formByName } from '../design/forms/index.js';
import { columnFieldDef } from '../views/column-field.js';
import type { CompiledView } from '../views/compile-view.js';
import type { Locale } from './i18n/locale.js';

/**
 * A stored value as the user reads it, in their language: choices by their label, dates, numbers
 * and money formatted for the locale. Always plain text: elements bind it as text, never as HTML.
 */
export function formatValue(value: unknown, def: FieldDef | undefined, locale: Locale, doc?: Doc, field?: string): string {
  if (value === undefined || value === null || value === '') return '';
  if (Array.isArray(value)) return value.map((v) => formatValue(v, def, locale)).filter((v) => v !== '').join(', ');
  if (typeof value === 'boolean') return value ? locale.t.yes : locale.t.no;
  if (typeof value === 'number') {
    // A document that names its currency (a deal) shows its amount as money.
    const currency = field === 'amount' && typeof doc?.currency === 'string' ? doc.currency : undefined;
    return currency ? locale.money(value, currency) : locale.number(value);
  }
  if (typeof value !== 'string') return JSON.stringify(value);
  switch (def?.type) {
    case 'choice':
      return def.choices?.find((c) => c.value === value)?.label[locale.lang] ?? value;
    case 'date':
      return locale.date(value);
    case 'datetime':
      return locale.dateTime(value);
    default:
      return value;
  }
}

/**
 * A view cell or category title: a month column shows the month, the rest as their field, with
 * the choices configured in the replica's `settings` (an added category, a stage's probability).
 */
export function formatCell(value: unknown, view: CompiledView, column: number, locale: Locale, settings: SettingsLookup): string {
  const part = view.def.columns[column]?.part;
  if (part === 'month' && typeof value === 'string') return locale.month(value);
  if ((part === 'year' || part === 'day') && typeof value === 'string') return part === 'day' ? locale.date(value) : value;
  const form = view.def.columns[column]?.field === 'form' && typeof value === 'string' ? formByName(value) : undefined;
  if (form) return locale.label(form.label);
  const def = columnFieldDef(view.def, column);
  return formatValue(value, def && withConfiguredChoices(def, settings), locale);
}

import type { Choice, ChoicesFrom, Doc, FieldDef, FormDef } from './form.js';
import { formByName } from './forms/index.js';

/** A settings document by id, as the one who saves sees it (null: none saved). */
export type SettingsLookup = (docId: string) => Doc | null;

export const NO_SETTINGS: SettingsLookup = () => null;

// Every document of a bulk write reads the same settings document: its choices are listed once,
// until another version of that document (a new object) is read.
const lastChoices = new WeakMap<ChoicesFrom, { readonly settings: Doc | null; readonly choices: readonly Choice[] }>();

/** The choices of a field now: configured ones where an administrator may configure them. */
export function choicesOf(field: FieldDef, settings: SettingsLookup): readonly Choice[] | undefined {
  const from = field.choicesFrom;
  if (!from) return field.choices;
  const doc = settings(from.docId);
  const last = lastChoices.get(from);
  if (last && last.settings === doc) return last.choices;
  const choices = from.choices(doc);
  lastChoices.set(from, { settings: doc, choices });
  return choices;
}

/** The field with its configured choices in `choices` (and its columns' too), for elements that only read `choices`. */
export function withConfiguredChoices(field: FieldDef, settings: SettingsLookup): FieldDef {
  if (!field.choicesFrom && !field.columns) return field;
  const columns = field.columns && Object.fromEntries(Object.entries(field.columns).map(([name, column]) => [name, withConfiguredChoices(column, settings)]));
  return { ...field, ...(field.choicesFrom ? { choices: choicesOf(field, settings) } : {}), ...(columns ? { columns } : {}) };
}

function settingsIdsOfField(field: FieldDef): string[] {
  return [...(field.choicesFrom ? [field.choicesFrom.docId] : []), ...Object.values(field.columns ?? {}).flatMap(settingsIdsOfField)];
}

/** The settings documents that saving documents of these forms reads. */
export function settingsIdsOf(forms: readonly (FormDef | undefined)[]): string[] {
  return [...new Set(forms.flatMap((form) => (form ? Object.values(form.fields).flatMap(settingsIdsOfField) : [])))];
}

/** The settings documents that validating these documents reads (none for most). */
export function settingsIdsFor(docs: readonly Doc[]): string[] {
  return settingsIdsOf([...new Set(docs.map((doc) => (doc && !doc._deleted && typeof doc.form === 'string' ? doc.form : '')))].map(formByName));
}

import type { Doc, FieldLink, FormDef } from './form.js';

/**
 * What choosing `source` for the link field `field` writes into the document: the id, and each
 * `fill` field copied from the source. A source field that is empty clears the copy, so nothing
 * of a previously chosen document stays behind.
 */
export function linkValues(field: string, link: FieldLink, source: Doc): Record<string, unknown> {
  const values: Record<string, unknown> = { [field]: source._id };
  for (const [target, from] of Object.entries(link.fill)) {
    const value = source[from];
    values[target] = value === null || value === '' ? undefined : value;
  }
  return values;
}

/** Clearing a link clears what it filled in too. */
export function clearedLinkValues(field: string, link: FieldLink): Record<string, undefined> {
  return Object.fromEntries([field, ...Object.keys(link.fill)].map((name) => [name, undefined]));
}

/**
 * The field of this document that names the linked one: the copy of a chosen form's title field
 * (`customerName` for a customer), or undefined when none is copied (a Q&A answer copies only its text).
 */
export function linkNameField(link: FieldLink, formByName: (name: string) => FormDef | undefined): string | undefined {
  const titles = new Set(link.forms.map((name) => formByName(name)?.titleField));
  return Object.entries(link.fill).find(([, from]) => titles.has(from))?.[0];
}

/** Mistakes in a form's links (a fill target it does not have, a source no linked form has), for tests and startup checks. */
export function linkDesignErrors(form: FormDef, formByName: (name: string) => FormDef | undefined): string[] {
  const errors: string[] = [];
  for (const [field, def] of Object.entries(form.fields)) {
    const link = def.link;
    if (!link) continue;
    const targets = link.forms.map((name) => formByName(name));
    if (targets.some((target) => target?.db !== link.db)) errors.push(`${form.name}.${field}: a linked form is not in ${link.db}`);
    for (const [to, from] of Object.entries(link.fill)) {
      if (!(to in form.fields) || to === field) errors.push(`${form.name}.${field}: fills ${to}, not a field of ${form.name}`);
      if (!targets.some((target) => target && from in target.fields)) errors.push(`${form.name}.${field}: ${from} is not a field of ${link.forms.join(', ')}`);
    }
  }
  return errors;
}

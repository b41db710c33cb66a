import type { Choice, FieldDef } from '../design/form.js';

/** A list of choices longer than this (the countries) is an input with suggestions rather than a select. */
const LONG_LIST = 30;

/** Whether a choice is typed with its names suggested (long or open lists) rather than picked from a select. */
export function isSearchedList(def: FieldDef): boolean {
  return def.openChoices === true || (def.choices?.length ?? 0) > LONG_LIST;
}

/**
 * The options of a choice field's select: its choices, and the value the document has when it is
 * not among them (a category an administrator removed since), so that editing shows it and keeps it.
 */
export function choiceOptions(choices: readonly Choice[] | undefined, current: string): readonly Choice[] {
  const list = choices ?? [];
  return current === '' || list.some((c) => c.value === current) ? list : [...list, { value: current, label: { zh: current, en: current } }];
}

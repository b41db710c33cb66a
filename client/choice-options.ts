import type { Choice } from '../design/form.js';

/**
 * The options of a choice field's select: its choices, and the value the document has when it is
 * not among them (a category an administrator removed since), so that editing shows it and keeps it.
 */
export function choiceOptions(choices: readonly Choice[] | undefined, current: string): readonly Choice[] {
  const list = choices ?? [];
  return current === '' || list.some((c) => c.value === current) ? list : [...list, { value: current, label: { zh: current, en: current } }];
}

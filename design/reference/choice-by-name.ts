import type { Choice } from '../form.js';

/** The choice a typed or imported text names, by its value or its name in either language, case and width aside. */
export function choiceByName(choices: readonly Choice[], text: string): Choice | undefined {
  const wanted = text.trim().normalize('NFKC').toLowerCase();
  if (wanted === '') return undefined;
  return choices.find((c) => c.value.toLowerCase() === wanted) ?? choices.find((c) => c.label.zh.toLowerCase() === wanted || c.label.en.toLowerCase() === wanted);
}

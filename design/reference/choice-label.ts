import type { FieldDef } from '../form.js';
import type { Lang } from '../label.js';

/** A stored value in a language: the name of the choice it is, or the value itself (free text, a date). */
export function choiceLabel(def: FieldDef | undefined, value: string, lang: Lang): string {
  return def?.type === 'choice' ? def.choices?.find((c) => c.value === value)?.label[lang] ?? value : value;
}

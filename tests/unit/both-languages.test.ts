import assert from 'node:assert/strict';
import { test } from 'node:test';
import { FORMS } from '../../design/forms/index.js';
import type { Label } from '../../design/label.js';
import { VIEWS } from '../../views/catalog.js';

const HAN = /\p{Script=Han}/u;

/**
 * A label that reads in Chinese in zh and has no Chinese in en, or a code written the same in both
 * (an incoterm, UID, grade A): Chinese left in en, or English in zh, is a missing translation.
 */
function bilingual(label: Label): boolean {
  if (label.zh === label.en) return /^[A-Z][A-Za-z0-9]*$/.test(label.zh);
  return HAN.test(label.zh) && label.en.trim() !== '' && !HAN.test(label.en);
}

test('every form (issue 20\'s calendar, actions, messages and bulletins among them), its fields and choices, and every view and its columns are named in Chinese and in English', () => {
  const missing: string[] = [];
  for (const form of FORMS) {
    if (!bilingual(form.label)) missing.push(`form ${form.name}: ${JSON.stringify(form.label)}`);
    for (const [name, field] of Object.entries(form.fields)) {
      if (!bilingual(field.label)) missing.push(`${form.name}.${name}: ${JSON.stringify(field.label)}`);
      for (const choice of field.choices ?? []) {
        if (!bilingual(choice.label)) missing.push(`${form.name}.${name} choice ${choice.value}: ${JSON.stringify(choice.label)}`);
      }
    }
  }
  for (const view of VIEWS) {
    if (!bilingual(view.def.name)) missing.push(`view ${view.id}: ${JSON.stringify(view.def.name)}`);
    for (const column of view.def.columns) {
      if (!bilingual(column.title)) missing.push(`view ${view.id} column ${column.field}: ${JSON.stringify(column.title)}`);
    }
  }
  assert.deepEqual(missing, []);
});

import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { formByName } from '../../design/forms/index.js';
import { isShownField } from '../../client/controllers/shown-fields.js';

const shownWhileEditing = (form: string) => Object.keys(formByName(form)!.fields).filter((field) => isShownField({ form }, field, true));

describe('which fields a form offers', () => {
  test('regression: the server-only fields of a mass mailing and the computed date of an activity are not offered for editing, but still shown', () => {
    const editing = shownWhileEditing('MassMailing');
    for (const field of ['expandedAt', 'queuedCount', 'skippedCount']) {
      assert.ok(!editing.includes(field), field);
      assert.ok(isShownField({ form: 'MassMailing' }, field, false), `${field} is shown when reading`);
    }
    assert.ok(editing.includes('name') && editing.includes('templateId'));
    assert.ok(!shownWhileEditing('Activity').includes('timelineDate'));
    assert.ok(!shownWhileEditing('Nurture').includes('nextStep'));
    assert.ok(!shownWhileEditing('FaxBatch').includes('queuedCount'));
  });

  test('regression: mass mail and batch fax wanted ids typed by hand: they offer customer groups (and a template picker), never the id lists', () => {
    for (const [form, ids] of [['MassMailing', 'contactIds'], ['FaxBatch', 'customerIds']] as const) {
      assert.ok(shownWhileEditing(form).includes('groups'), form);
      assert.deepEqual(formByName(form)!.fields.groups!.suggestFrom, { db: 'crm', viewId: 'customers-by-group' });
      assert.ok(!shownWhileEditing(form).includes(ids) && !isShownField({ form }, ids, false), `${form}.${ids}`);
    }
    assert.ok(formByName('MassMailing')!.fields.templateId!.link);
  });

  test('regression: a new complaint offers no field its steps alone change, and reads its history as a timeline', () => {
    const editing = shownWhileEditing('Complaint');
    for (const field of ['status', 'department', 'handler', 'handling', 'solution', 'summary', 'steps', 'closedAt', 'authors']) assert.ok(!editing.includes(field), field);
    for (const field of ['subject', 'customerId', 'description', 'manager', 'needsReview']) assert.ok(editing.includes(field), field);
    assert.ok(!isShownField({ form: 'Complaint' }, 'steps', false));
    assert.ok(isShownField({ form: 'Complaint' }, 'department', false));
  });
});

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

  test('regression: a new complaint offers no field its steps alone change, and reads its history as a timeline', () => {
    const editing = shownWhileEditing('Complaint');
    for (const field of ['status', 'department', 'handler', 'handling', 'solution', 'summary', 'steps', 'closedAt', 'authors']) assert.ok(!editing.includes(field), field);
    for (const field of ['subject', 'customerId', 'description', 'manager', 'needsReview']) assert.ok(editing.includes(field), field);
    assert.ok(!isShownField({ form: 'Complaint' }, 'steps', false));
    assert.ok(isShownField({ form: 'Complaint' }, 'department', false));
  });
});

import { groupDocId, personDocId } from '../../design/access/directory-ids.js';
import type { ComplaintAction } from '../../design/complaint-actions.js';
import { fieldError } from '../../design/field-error.js';
import { createError } from '../../engine/errors.js';
import type { Store } from '../store/store.js';

/**
 * A complaint goes to a department that is a group of the directory, or to people still with the
 * company: a name typed freely would leave it with nobody to handle it. A department without
 * members is refused unless a handler is named, since nobody could take the next step.
 */
export async function checkRouting(store: Store, step: ComplaintAction): Promise<void> {
  if (step.action !== 'approve' && step.action !== 'assign') return;
  const names = store.database('names');
  const department = step.department?.trim() ?? '';
  const handlers = (step.handler ?? []).map((h) => h.trim()).filter((h) => h !== '');
  for (const handler of handlers) {
    const person = await names.find(personDocId(handler));
    if (person?.form !== 'Person' || person.status !== 'active') throw refusal('handler', `${handler} 不是通讯录中的人员`, `${handler} is not a person in the directory`);
  }
  if (department === '') return;
  const group = await names.find(groupDocId(department));
  if (group?.form !== 'Group') throw refusal('department', `${department} 不是部门（通讯录中的组）`, `${department} is not a department (a group of the directory)`);
  const members = Array.isArray(group.members) ? group.members : [];
  if (members.length === 0 && handlers.length === 0) {
    throw refusal('department', `${department} 没有成员，无人能处理该投诉。请指定处理人，或先为该部门添加成员`,
      `${department} has no members: nobody could handle the complaint. Name a handler, or add members to the department first`);
  }
}

function refusal(field: string, zh: string, en: string) {
  return createError('bad_request', en, [fieldError(field, 'rule', zh, en)]);
}

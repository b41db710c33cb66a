import { personDocId } from '../access/directory-ids.js';
import { defineForm } from '../form.js';
import { choices } from './choices.js';
import { directoryNameErrors, roleListErrors } from './directory-rules.js';

export const PERSON_STATUSES = choices({
  active: ['在职', 'Active'],
  left: ['已离职', 'Left'],
});

/**
 * A person in the directory (人员注册). `name` is their canonical user name, as `readers`,
 * `authors` and `createdBy` hold it. Someone who leaves is marked `left`, never deleted: what
 * they wrote keeps naming them.
 */
export const personForm = defineForm({
  name: 'Person',
  label: { zh: '人员', en: 'Person' },
  db: 'names',
  titleField: 'name',
  minimumLevel: 'editor',
  fields: {
    name: { type: 'text', label: { zh: '姓名', en: 'Name' }, required: true, sortable: true, personName: true, pinyin: true, maxLength: 100 },
    department: { type: 'text', label: { zh: '部门', en: 'Department' }, sortable: true, maxLength: 100 },
    title: { type: 'text', label: { zh: '职务', en: 'Title' }, maxLength: 100 },
    email: { type: 'email', label: { zh: '电子邮件', en: 'E-mail' } },
    phone: { type: 'phone', label: { zh: '电话', en: 'Phone' } },
    roles: { type: 'keywords', label: { zh: '角色', en: 'Roles' } },
    status: { type: 'choice', label: { zh: '状态', en: 'Status' }, required: true, sortable: true, choices: PERSON_STATUSES, default: 'active' },
  },
  rules: (doc) => [...directoryNameErrors(doc, personDocId), ...roleListErrors('roles', doc.roles)],
});

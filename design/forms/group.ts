import { groupDocId } from '../access/directory-ids.js';
import { defineForm } from '../form.js';
import { directoryNameErrors } from './directory-rules.js';

/** A group of people and other groups, named in ACLs, `readers` and `authors` like a person. */
export const groupForm = defineForm({
  name: 'Group',
  label: { zh: '组', en: 'Group' },
  db: 'names',
  titleField: 'name',
  minimumLevel: 'editor',
  fields: {
    name: { type: 'text', label: { zh: '组名', en: 'Name' }, required: true, sortable: true, pinyin: true, maxLength: 100 },
    members: { type: 'names', label: { zh: '成员', en: 'Members' } },
    /** Who heads it when it is a department: approval routes send its people's requests to them. */
    head: { type: 'names', label: { zh: '负责人', en: 'Head' } },
    description: { type: 'textarea', label: { zh: '说明', en: 'Description' }, maxLength: 2000 },
  },
  rules: (doc) => directoryNameErrors(doc, groupDocId),
});

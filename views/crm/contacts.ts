import { defineView } from '../view-def.js';

export const contactsByCustomer = defineView({
  id: 'contacts-by-customer',
  db: 'crm',
  name: { zh: '联系人\\按客户', en: 'Contacts\\By Customer' },
  forms: ['Contact'],
  columns: [
    { title: { zh: '客户', en: 'Customer' }, field: 'customerName', categorized: true },
    { title: { zh: '姓名', en: 'Name' }, field: 'name', sort: 'asc' },
    { title: { zh: '部门', en: 'Department' }, field: 'department' },
    { title: { zh: '职务', en: 'Title' }, field: 'title' },
    { title: { zh: '电话', en: 'Phone' }, field: 'phone' },
  ],
});

import { defineView } from '../view-def.js';

/**
 * Where a manager keeps the settings documents up (Notes keeps them in a database's views like any
 * other document): the CRM settings, mail routing rules in the order they run, and mail accounts.
 * Others see them read-only or, where the form's readers say so, not at all.
 */
export const crmSettingsDocs = defineView({
  id: 'settings-crm',
  db: 'crm',
  name: { zh: '设置\\客户关系设置', en: 'Settings\\CRM Settings' },
  forms: ['CrmSettings'],
  columns: [
    { title: { zh: '名称', en: 'Title' }, field: 'title' },
    { title: { zh: '修改人', en: 'Changed by' }, field: 'modifiedBy' },
    { title: { zh: '修改时间', en: 'Changed' }, field: 'modified' },
  ],
});

/** The sales targets apart from the settings: read by the roles they name and those who edited them. */
export const salesTargetsDocs = defineView({
  id: 'settings-sales-targets',
  db: 'crm',
  name: { zh: '设置\\销售目标', en: 'Settings\\Sales Targets' },
  forms: ['SalesTargets'],
  columns: [
    { title: { zh: '名称', en: 'Title' }, field: 'title' },
    { title: { zh: '修改人', en: 'Changed by' }, field: 'modifiedBy' },
    { title: { zh: '修改时间', en: 'Changed' }, field: 'modified' },
  ],
});

export const mailRules = defineView({
  id: 'settings-mail-rules',
  db: 'names',
  name: { zh: '设置\\邮件规则', en: 'Settings\\Mail Rules' },
  forms: ['MailRule'],
  columns: [
    { title: { zh: '顺序', en: 'Order' }, field: 'order', sort: 'asc' },
    { title: { zh: '规则名称', en: 'Rule' }, field: 'name', sort: 'asc' },
    { title: { zh: '分给', en: 'Assign to' }, field: 'assignTo' },
    { title: { zh: '文件夹', en: 'Folder' }, field: 'folder' },
  ],
});

export const mailAccounts = defineView({
  id: 'settings-mail-accounts',
  db: 'names',
  name: { zh: '设置\\邮件账户', en: 'Settings\\Mail Accounts' },
  forms: ['MailAccount'],
  columns: [
    { title: { zh: '地址', en: 'Address' }, field: 'address', sort: 'asc' },
    { title: { zh: '显示名称', en: 'Display name' }, field: 'displayName' },
  ],
});

/** The forms on the company's website that post inquiries and sign-ups (docs/web-capture.md). */
export const webForms = defineView({
  id: 'settings-web-forms',
  db: 'names',
  name: { zh: '设置\\网站表单', en: 'Settings\\Website Forms' },
  forms: ['WebForm'],
  columns: [
    { title: { zh: '名称', en: 'Name' }, field: 'name', sort: 'asc' },
    { title: { zh: '网站地址', en: 'Origins' }, field: 'origins' },
    { title: { zh: '订阅列表', en: 'List' }, field: 'list' },
  ],
});

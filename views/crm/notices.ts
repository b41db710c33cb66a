import type { DbName } from '../../design/databases.js';
import type { Label } from '../../design/label.js';
import { defineView } from '../view-def.js';

/** Each person sees only the notices addressed to them (the form's readers), newest first. */
function myNoticesIn(db: DbName, id: string, name: Label) {
  return defineView({
    id,
    db,
    name,
    forms: ['Notice'],
    columns: [
      { title: { zh: '时间', en: 'Time' }, field: 'created', sort: 'desc' },
      { title: { zh: '类型', en: 'Kind' }, field: 'kind' },
      { title: { zh: '主题', en: 'Subject' }, field: 'subject' },
      { title: { zh: '提醒时间', en: 'Due' }, field: 'due' },
      { title: { zh: '已读', en: 'Read' }, field: 'readAt' },
    ],
  });
}

export const myNotices = myNoticesIn('crm', 'my-notices', { zh: '我的通知', en: 'My Notices' });
/** Notices about office documents (approvals of claims and requests), kept beside them. */
export const officeNotices = myNoticesIn('office', 'office-my-notices', { zh: '通知\\我的通知', en: 'Notices\\My Notices' });

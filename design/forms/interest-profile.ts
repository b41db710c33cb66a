import { defineForm, type Doc, type SaveContext } from '../form.js';
import { fieldError } from '../field-error.js';
import { choices } from './choices.js';

export const INTEREST_DELIVERIES = choices({
  each: ['逐条通知', 'One at a time'],
  digest: ['每日摘要', 'Daily digest'],
});

/**
 * 个人兴趣: what in the forum interests one person. New posts that match are sent to them as
 * notices, one at a time or gathered in a daily digest. Only the owner reads and edits it.
 */
export const interestProfileForm = defineForm({
  name: 'InterestProfile',
  label: { zh: '个人兴趣', en: 'Interest profile' },
  db: 'discussion',
  titleField: 'owner',
  fields: {
    owner: { type: 'names', label: { zh: '本人', en: 'Owner' }, required: true, default: (ctx: SaveContext) => [ctx.user.name] },
    categories: { type: 'keywords', label: { zh: '感兴趣的类别', en: 'Categories' }, suggestFrom: { db: 'discussion', viewId: 'topics-by-category' } },
    authors: { type: 'names', label: { zh: '感兴趣的作者', en: 'Authors' } },
    words: { type: 'keywords', label: { zh: '关键词', en: 'Words' }, maxLength: 100 },
    /** Main topics (ids) whose every new response interests the owner. */
    threads: { type: 'keywords', label: { zh: '关注的主题', en: 'Followed threads' } },
    delivery: { type: 'choice', label: { zh: '发送方式', en: 'Delivery' }, required: true, choices: INTEREST_DELIVERIES, default: 'each' },
  },
  defaultReaders: ownerOnly,
  defaultAuthors: ownerOnly,
  rules: (doc, oldDoc, user) => {
    const owner = Array.isArray(doc.owner) ? doc.owner : [];
    if (owner.length !== 1) return [fieldError('owner', 'rule', '个人兴趣只属于一个人', 'An interest profile belongs to one person')];
    if (!oldDoc && owner[0] !== user.name) return [fieldError('owner', 'rule', '只能为自己建立个人兴趣', 'You may only create your own interest profile')];
    if (oldDoc && JSON.stringify(oldDoc.owner) !== JSON.stringify(doc.owner)) return [fieldError('owner', 'rule', '个人兴趣的本人不能更改', 'The owner of a profile cannot change')];
    return [];
  },
});

function ownerOnly(doc: Doc): string[] {
  return Array.isArray(doc.owner) ? doc.owner.map(String) : [];
}

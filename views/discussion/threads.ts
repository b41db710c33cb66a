import { defineView } from '../view-def.js';

const date = { title: { zh: '日期', en: 'Date' }, field: 'created', sort: 'desc' } as const;
const subject = { title: { zh: '主题', en: 'Subject' }, field: 'subject' } as const;
const author = { title: { zh: '作者', en: 'Author' }, field: 'author' } as const;
const category = { title: { zh: '类别', en: 'Category' }, field: 'category' } as const;

export const allDocuments = defineView({
  id: 'all-documents',
  db: 'discussion',
  name: { zh: '全部文档', en: 'All Documents' },
  forms: ['Topic', 'Response'],
  responses: true,
  columns: [date, subject, author, category],
});

export const topicsByCategory = defineView({
  id: 'topics-by-category',
  db: 'discussion',
  name: { zh: '按类别', en: 'By Category' },
  forms: ['Topic', 'Response'],
  responses: true,
  columns: [{ ...category, categorized: true }, date, subject, author],
});

const byAuthor = [{ ...author, categorized: true }, date, subject, { title: { zh: '类型', en: 'Kind' }, field: 'form' }] as const;

/** Every post, main topics and responses alike, under its author (by pinyin), newest first. */
export const postsByAuthor = defineView({
  id: 'posts-by-author',
  db: 'discussion',
  name: { zh: '按作者', en: 'By Author' },
  forms: ['Topic', 'Response'],
  columns: byAuthor,
});

/** By Author, showing each person only their own posts. */
export const myPosts = defineView({
  id: 'my-posts',
  db: 'discussion',
  name: { zh: '我的帖子', en: 'My Posts' },
  forms: ['Topic', 'Response'],
  columns: byAuthor,
  viewersCategoryOnly: true,
});

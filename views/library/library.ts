import { defineView } from '../view-def.js';

const category = { title: { zh: '类别', en: 'Category' }, field: 'category', categorized: true } as const;

export const productsByCategory = defineView({
  id: 'products-by-category',
  db: 'library',
  name: { zh: '产品', en: 'Products' },
  forms: ['Product'],
  columns: [
    category,
    { title: { zh: '产品名称', en: 'Name' }, field: 'name', sort: 'asc' },
    { title: { zh: '产品编号', en: 'Code' }, field: 'code' },
    { title: { zh: '型号', en: 'Model' }, field: 'model' },
    { title: { zh: '价格', en: 'Price' }, field: 'price' },
  ],
});

/** Competitors by name, each with its products indented beneath it. */
export const competitors = defineView({
  id: 'competitors',
  db: 'library',
  name: { zh: '竞争对手', en: 'Competitors' },
  forms: ['Competitor', 'CompetitorProduct'],
  responses: true,
  columns: [
    { title: { zh: '名称', en: 'Name' }, field: 'name', sort: 'asc' },
    { title: { zh: '国家', en: 'Country' }, field: 'country' },
    { title: { zh: '型号', en: 'Model' }, field: 'model' },
    { title: { zh: '价格', en: 'Price' }, field: 'price' },
  ],
});

export const standardDocumentsByCategory = defineView({
  id: 'standard-documents-by-category',
  db: 'library',
  name: { zh: '标准文档', en: 'Standard Documents' },
  forms: ['StandardDocument'],
  columns: [category, { title: { zh: '标题', en: 'Title' }, field: 'title', sort: 'asc' }, { title: { zh: '修改时间', en: 'Modified' }, field: 'modified' }],
});

export const articlesByKind = defineView({
  id: 'articles-by-kind',
  db: 'library',
  name: { zh: '文章', en: 'Articles' },
  forms: ['Article'],
  columns: [
    { title: { zh: '类型', en: 'Kind' }, field: 'kind', categorized: true },
    { title: { zh: '标题', en: 'Title' }, field: 'title', sort: 'asc' },
    { title: { zh: '修改时间', en: 'Modified' }, field: 'modified' },
  ],
});

export const qaByCategory = defineView({
  id: 'qa-by-category',
  db: 'library',
  name: { zh: '标准题库', en: 'Standard Q&A' },
  forms: ['QA'],
  columns: [category, { title: { zh: '问题', en: 'Question' }, field: 'question', sort: 'asc' }],
});

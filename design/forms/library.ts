import { MB } from '../attachment-rules.js';
import { defineForm } from '../form.js';
import { choices } from './choices.js';
import { COUNTRIES, countryCode } from '../reference/countries.js';

const category = { type: 'keywords', label: { zh: '类别', en: 'Category' }, sortable: true } as const;
const price = { type: 'number', label: { zh: '价格', en: 'Price' }, min: 0 } as const;
const currency = { type: 'choice', label: { zh: '币种', en: 'Currency' }, choices: choices({ CNY: ['人民币', 'CNY'], USD: ['美元', 'USD'], EUR: ['欧元', 'EUR'] }), default: 'USD' } as const;
const body = { type: 'textarea', label: { zh: '内容', en: 'Body' }, maxLength: 200000 } as const;

export const productForm = defineForm({
  name: 'Product',
  label: { zh: '产品', en: 'Product' },
  db: 'library',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '产品名称', en: 'Name' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    code: { type: 'text', label: { zh: '产品编号', en: 'Code' }, sortable: true, maxLength: 60 },
    category,
    model: { type: 'text', label: { zh: '型号', en: 'Model' }, maxLength: 100 },
    price,
    currency,
    description: body,
  },
});

export const competitorForm = defineForm({
  name: 'Competitor',
  label: { zh: '竞争对手', en: 'Competitor' },
  db: 'library',
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '名称', en: 'Name' }, sortable: true, required: true, maxLength: 200, pinyin: true },
    country: { type: 'choice', label: { zh: '国家', en: 'Country' }, sortable: true, maxLength: 60, choices: COUNTRIES, normalize: (text) => countryCode(text) ?? text },
    website: { type: 'url', label: { zh: '网址', en: 'Website' } },
    strengths: { type: 'textarea', label: { zh: '优势', en: 'Strengths' }, maxLength: 20000 },
    weaknesses: { type: 'textarea', label: { zh: '劣势', en: 'Weaknesses' }, maxLength: 20000 },
  },
});

/** A competitor's product, a response under its competitor (`parent`). */
export const competitorProductForm = defineForm({
  name: 'CompetitorProduct',
  label: { zh: '竞争产品', en: 'Competitor product' },
  db: 'library',
  response: true,
  titleField: 'name',
  fields: {
    name: { type: 'text', label: { zh: '产品名称', en: 'Name' }, sortable: true, required: true, maxLength: 200 },
    model: { type: 'text', label: { zh: '型号', en: 'Model' }, maxLength: 100 },
    price,
    currency,
    comparison: { type: 'textarea', label: { zh: '与我方产品比较', en: 'Compared with ours' }, maxLength: 20000 },
  },
});

/**
 * A standard document (contract templates, certificates, price lists) with its files as
 * attachments. `readers` restricts who may read it; the gateway never sends it, nor its files,
 * to anyone else.
 */
export const standardDocumentForm = defineForm({
  name: 'StandardDocument',
  label: { zh: '标准文档', en: 'Standard document' },
  db: 'library',
  titleField: 'title',
  fields: {
    title: { type: 'text', label: { zh: '标题', en: 'Title' }, sortable: true, required: true, maxLength: 300 },
    category,
    description: body,
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' } },
  },
  attachments: { label: { zh: '附件', en: 'Files' }, maxBytes: 20 * MB, maxTotalBytes: 50 * MB },
});

export const ARTICLE_KINDS = choices({
  company: ['公司介绍', 'Company introduction'],
  faq: ['常见问题', 'FAQ'],
  guide: ['业务指南', 'Guide'],
  other: ['其他', 'Other'],
});

export const articleForm = defineForm({
  name: 'Article',
  label: { zh: '文章', en: 'Article' },
  db: 'library',
  titleField: 'title',
  fields: {
    title: { type: 'text', label: { zh: '标题', en: 'Title' }, sortable: true, required: true, maxLength: 300 },
    kind: { type: 'choice', label: { zh: '类型', en: 'Kind' }, sortable: true, required: true, choices: ARTICLE_KINDS },
    body,
  },
});

/** 标准题库: one standard question and its answer, which support requests choose from. */
export const qaForm = defineForm({
  name: 'QA',
  label: { zh: '标准问答', en: 'Standard Q&A' },
  db: 'library',
  titleField: 'question',
  fields: {
    question: { type: 'text', label: { zh: '问题', en: 'Question' }, sortable: true, required: true, maxLength: 500 },
    answer: { type: 'textarea', label: { zh: '答案', en: 'Answer' }, required: true, maxLength: 20000 },
    category: { ...category, suggestFrom: { db: 'library', viewId: 'qa-by-category' } },
    keywords: { type: 'keywords', label: { zh: '关键词', en: 'Keywords' } },
  },
});

import { defineView } from '../view-def.js';

const date = { title: { zh: '报告日期', en: 'Date' }, field: 'reportDate', sort: 'desc' } as const;
const title = { title: { zh: '标题', en: 'Title' }, field: 'title' } as const;
const writer = { title: { zh: '报告人', en: 'Written by' }, field: 'createdBy' } as const;
const kind = { title: { zh: '类型', en: 'Kind' }, field: 'kind' } as const;

export const reportsByPerson = defineView({
  id: 'reports-by-person',
  db: 'office',
  name: { zh: '工作报告\\按人员', en: 'Work Reports\\By Person' },
  forms: ['WorkReport'],
  columns: [{ ...writer, categorized: true }, date, kind, title],
});

/** By the period each covers (2026-W11, 2026-03, a day): the week's reports together. */
export const reportsByPeriod = defineView({
  id: 'reports-by-period',
  db: 'office',
  name: { zh: '工作报告\\按期间', en: 'Work Reports\\By Period' },
  forms: ['WorkReport'],
  columns: [{ title: { zh: '期间', en: 'Period' }, field: 'period', categorized: true, sort: 'desc' }, writer, kind, title],
});

export const reportTemplates = defineView({
  id: 'report-templates',
  db: 'office',
  name: { zh: '工作报告\\报告模板', en: 'Work Reports\\Templates' },
  forms: ['ReportTemplate'],
  columns: [{ title: { zh: '类型', en: 'Kind' }, field: 'kind', categorized: true }, { title: { zh: '模板名称', en: 'Name' }, field: 'name', sort: 'asc' }],
});

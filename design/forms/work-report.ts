import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type FieldError } from '../form.js';
import type { UserContext } from '../user.js';
import { choices } from './choices.js';
import { MANAGER_ROLE, today } from './crm-fields.js';

/** 日报、周报、月报, or a report on one event (an important visit, a trade fair). */
export const REPORT_KINDS = choices({
  daily: ['日报', 'Daily report'],
  weekly: ['周报', 'Weekly report'],
  monthly: ['月报', 'Monthly report'],
  event: ['事件报告', 'Event report'],
});

export type ReportKind = 'daily' | 'weekly' | 'monthly' | 'event';

/** The headings a report starts with, each with a prompt for what to write under it. */
const sectionColumns = {
  heading: { type: 'text', label: { zh: '标题', en: 'Heading' }, required: true, maxLength: 200 },
  text: { type: 'text', label: { zh: '内容', en: 'Text' }, maxLength: 10000 },
} as const;

/**
 * The period a report covers, as its key: `2026-03-10` for a day (and an event), the ISO week
 * `2026-W11` for a week (Monday to Sunday), `2026-03` for a month.
 */
export function reportPeriod(kind: unknown, date: string): string {
  if (kind === 'monthly') return date.slice(0, 7);
  if (kind !== 'weekly') return date.slice(0, 10);
  const day = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  const weekday = (day.getUTCDay() + 6) % 7;
  const thursday = new Date(day.getTime() + (3 - weekday) * 86_400_000);
  const week = Math.ceil(((thursday.getTime() - Date.UTC(thursday.getUTCFullYear(), 0, 1)) / 86_400_000 + 1) / 7);
  return `${thursday.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

/** A report template an administrator or manager configures: the headings reports of a kind start with. */
export const reportTemplateForm = defineForm({
  name: 'ReportTemplate',
  label: { zh: '报告模板', en: 'Report template' },
  db: 'office',
  titleField: 'name',
  minimumLevel: 'editor',
  fields: {
    name: { type: 'text', label: { zh: '模板名称', en: 'Name' }, required: true, sortable: true, maxLength: 200 },
    kind: { type: 'choice', label: { zh: '报告类型', en: 'Kind' }, required: true, sortable: true, choices: REPORT_KINDS },
    sections: { type: 'objects', label: { zh: '栏目', en: 'Sections' }, required: true, maxItems: 50, columns: sectionColumns },
  },
});

/**
 * A work report (工作报告): written by one person for their managers, who read it and comment on
 * it. Its managers may add comments and nothing else; each comment names who wrote it.
 */
export const workReportForm = defineForm({
  name: 'WorkReport',
  label: { zh: '工作报告', en: 'Work report' },
  db: 'office',
  titleField: 'title',
  fields: {
    kind: { type: 'choice', label: { zh: '报告类型', en: 'Kind' }, required: true, sortable: true, choices: REPORT_KINDS, default: 'weekly' },
    reportDate: { type: 'date', label: { zh: '报告日期', en: 'Date' }, required: true, default: today },
    subject: { type: 'text', label: { zh: '主题（事件报告必填）', en: 'Subject (for an event)' }, maxLength: 300 },
    templateId: { type: 'text', label: { zh: '模板', en: 'Template' }, maxLength: 200, link: { db: 'office', forms: ['ReportTemplate'], fill: { sections: 'sections' } } },
    sections: { type: 'objects', label: { zh: '报告内容', en: 'Report' }, required: true, maxItems: 50, columns: sectionColumns },
    managers: { type: 'names', label: { zh: '报送给', en: 'For' }, required: true, maxItems: 10 },
    comments: {
      type: 'objects', label: { zh: '批示', en: 'Comments' }, maxItems: 200,
      columns: {
        by: { type: 'text', label: { zh: '批示人', en: 'By' }, required: true, maxLength: 100 },
        at: { type: 'date', label: { zh: '日期', en: 'Date' }, required: true },
        text: { type: 'text', label: { zh: '批示', en: 'Comment' }, required: true, maxLength: 5000 },
      },
    },
    period: { type: 'text', label: { zh: '期间', en: 'Period' }, sortable: true, computed: (doc) => (typeof doc.reportDate === 'string' ? reportPeriod(doc.kind, doc.reportDate) : '') },
    title: { type: 'text', label: { zh: '标题', en: 'Title' }, sortable: true, computed: reportTitle },
    readers: { type: 'readers', label: { zh: '读者', en: 'Readers' }, computed: (doc) => names([doc.createdBy, ...list(doc.managers), MANAGER_ROLE]) },
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: (doc) => names([doc.createdBy, ...list(doc.managers)]) },
  },
  rules: reportRules,
});

function reportTitle(doc: Doc): string {
  const kind = REPORT_KINDS.find((k) => k.value === doc.kind);
  const subject = typeof doc.subject === 'string' ? doc.subject.trim() : '';
  const period = typeof doc.reportDate === 'string' ? reportPeriod(doc.kind, doc.reportDate) : '';
  return subject || `${kind?.label.zh ?? ''} ${period} ${typeof doc.createdBy === 'string' ? doc.createdBy : ''}`.trim();
}

/** The writer writes the report; anyone else (its managers) only adds comments in their own name. */
function reportRules(doc: Doc, oldDoc: Doc | null, user: UserContext): FieldError[] {
  const errors: FieldError[] = [];
  if (doc.kind === 'event' && !(typeof doc.subject === 'string' && doc.subject.trim())) errors.push(fieldError('subject', 'required', '事件报告请填写主题', 'An event report needs a subject'));
  const before = oldDoc ? list(oldDoc.comments) : [];
  const after = list(doc.comments) as unknown[];
  const kept = before.every((c, i) => JSON.stringify(c) === JSON.stringify(after[i]));
  const added = after.slice(before.length) as { by?: unknown }[];
  if (!kept) errors.push(fieldError('comments', 'rule', '已有的批示不能修改或删除', 'Comments already made cannot be changed or removed'));
  if (added.some((c) => c?.by !== user.name)) errors.push(fieldError('comments', 'rule', '批示须以您自己的名义填写', 'A comment is made in your own name'));
  const writer = oldDoc ? oldDoc.createdBy : user.name;
  if (writer !== user.name && oldDoc) {
    const changed = Object.keys({ ...doc, ...oldDoc }).filter((key) => !key.startsWith('$') && !key.startsWith('_') && !['comments', 'modified', 'modifiedBy'].includes(key)
      && JSON.stringify(doc[key]) !== JSON.stringify(oldDoc[key]));
    if (changed.length > 0) errors.push(fieldError(changed[0]!, 'rule', '只有报告人可以修改报告，您可以添加批示', 'Only its writer changes the report; you may add a comment'));
  }
  return errors;
}

function list(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function names(values: readonly unknown[]): string[] {
  return [...new Set(values.filter((n): n is string => typeof n === 'string' && n !== ''))];
}

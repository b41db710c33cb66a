import { fieldError } from '../field-error.js';
import { defineForm, type Doc, type SaveContext } from '../form.js';
import { officeDay } from './time-zones.js';

/**
 * While someone is away (出差、休假), the person they name approves in their place from `from` to
 * `until`, days included; the history says who approved for whom. Everyone may read delegations,
 * so that a filer knows who decides; only the absent person writes theirs.
 */
export const delegationForm = defineForm({
  name: 'Delegation',
  label: { zh: '审批委托', en: 'Delegation' },
  db: 'office',
  titleField: 'delegate',
  fields: {
    absent: { type: 'names', label: { zh: '委托人', en: 'Away' }, sortable: true, computed: (doc) => (typeof doc.createdBy === 'string' ? [doc.createdBy] : []) },
    delegate: { type: 'names', label: { zh: '代理审批人', en: 'Approves instead' }, required: true, maxItems: 1 },
    from: { type: 'date', label: { zh: '开始日期', en: 'From' }, required: true, default: (ctx: SaveContext) => officeDay(ctx.now) },
    until: { type: 'date', label: { zh: '结束日期', en: 'Until' }, required: true },
    note: { type: 'text', label: { zh: '说明', en: 'Note' }, maxLength: 500 },
    authors: { type: 'authors', label: { zh: '作者', en: 'Authors' }, computed: (doc) => (typeof doc.createdBy === 'string' ? [doc.createdBy] : []) },
  },
  rules: (doc: Doc) => {
    const errors = [];
    if (typeof doc.from === 'string' && typeof doc.until === 'string' && doc.until < doc.from) {
      errors.push(fieldError('until', 'range', '结束日期不能早于开始日期', 'Until must not be before From'));
    }
    if (Array.isArray(doc.delegate) && doc.delegate.includes(doc.createdBy)) {
      errors.push(fieldError('delegate', 'rule', '不能委托给自己', 'You cannot delegate to yourself'));
    }
    return errors;
  },
});

/**
 * Who stands in for whom at `instant` (ISO): approver → delegate, from the delegations in force on
 * the company's local day (a delegation from Monday starts at midnight in Beijing, 16:00 UTC on Sunday).
 */
export function delegatesOn(delegations: readonly Doc[], instant: string): Map<string, string> {
  const day = officeDay(instant);
  const map = new Map<string, string>();
  for (const d of delegations) {
    const absent = typeof d.createdBy === 'string' ? d.createdBy : '';
    const delegate = Array.isArray(d.delegate) ? String(d.delegate[0] ?? '') : '';
    if (d.form !== 'Delegation' || d._deleted || !absent || !delegate) continue;
    if (typeof d.from === 'string' && typeof d.until === 'string' && d.from <= day && day <= d.until) map.set(absent, delegate);
  }
  return map;
}

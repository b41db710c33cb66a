import type { Label } from './label.js';

/**
 * The merge fields of mail templates, written `{{contactName}}` or in Chinese `{{联系人}}`.
 * Values are plain text: whatever they hold is inserted as it is, never read as a field again.
 */
export const MERGE_FIELDS = {
  contactName: { zh: '联系人', en: 'contact name' },
  customerName: { zh: '客户', en: 'company name' },
  salesperson: { zh: '业务员', en: 'salesperson' },
} as const satisfies Record<string, Label>;

export type MergeField = keyof typeof MERGE_FIELDS;
export type MergeValues = Readonly<Partial<Record<MergeField, string>>>;

const FIELD_BY_NAME = new Map<string, MergeField>(
  (Object.entries(MERGE_FIELDS) as [MergeField, Label][]).flatMap(([field, label]) => [[field, field], [label.zh, field]]),
);
const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

/** The placeholders of a template that name no merge field. */
export function unknownMergeFields(template: string): string[] {
  return [...template.matchAll(PLACEHOLDER)].map((m) => m[1]!).filter((name) => !FIELD_BY_NAME.has(name));
}

/** Fills the merge fields in one pass; a field without a value becomes empty. */
export function mergeTemplate(template: string, values: MergeValues): string {
  return template.replace(PLACEHOLDER, (whole, name: string) => {
    const field = FIELD_BY_NAME.get(name);
    return field === undefined ? whole : values[field] ?? '';
  });
}

/** The languages a template is written in and a contact is written to. */
export const MAIL_LANGUAGES = ['zh', 'en'] as const;

/** The templates to offer when writing to a contact: those in the contact's language; all of them when it is not known. */
export function templatesInLanguage<T extends Readonly<Record<string, unknown>>>(templates: readonly T[], language: unknown): T[] {
  return (MAIL_LANGUAGES as readonly unknown[]).includes(language) ? templates.filter((t) => t.language === language) : [...templates];
}

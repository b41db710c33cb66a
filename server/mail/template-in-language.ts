import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * The language a text is written in, of those templates are kept in: Chinese when it has at
 * least as many Han characters as Latin words (a Chinese company name in an English signature
 * does not make the letter Chinese), else English.
 */
export function languageOf(text: string): 'zh' | 'en' {
  const han = text.match(/\p{Script=Han}/gu)?.length ?? 0;
  const words = text.match(/\p{Script=Latin}+/gu)?.length ?? 0;
  return han > 0 && han >= words ? 'zh' : 'en';
}

/**
 * The template a rule or setting names, in `language` when a template of the same name is kept
 * in it (templates are translated by giving each language its own template under one name);
 * otherwise the named one itself.
 */
export async function templateInLanguage(crm: Database, templateId: string, language: string | undefined): Promise<StoredDoc | undefined> {
  const named = await crm.find(templateId);
  if (named?.form !== 'MailTemplate') return undefined;
  if (!language || named.language === language) return named;
  const translations = await docsOfView(crm, 'mail-templates');
  return translations.find((t) => t.name === named.name && t.language === language) ?? named;
}

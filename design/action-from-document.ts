import type { Doc } from './form.js';

/** Forms whose documents are not what an action is about: GTD's own, and the plumbing. */
const NOT_ABOUT = new Set(['Action', 'ActionProject', 'Receipt', 'Notice', 'CrmSettings', 'MailAccount', 'MailRule', 'DueWork']);

export function takesAction(doc: Doc): boolean {
  return typeof doc.form === 'string' && !NOT_ABOUT.has(doc.form);
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * "Make this an action" (GTD): a next action about this document, titled after it, naming the
 * customer, deal and mail it concerns (the document itself when it is one of them), for the person
 * to give a context and a due date before saving.
 */
export function actionValuesFrom(doc: Doc, title: unknown): Doc {
  const values: Doc = { status: 'next', subject: text(title)?.slice(0, 300) };
  if (doc.form === 'Customer') Object.assign(values, { customerId: doc._id, customerName: text(doc.name) });
  else Object.assign(values, { customerId: text(doc.customerId), customerName: text(doc.customerName) });
  if (doc.form === 'Deal') Object.assign(values, { dealId: doc._id, dealName: text(doc.name) });
  else Object.assign(values, { dealId: text(doc.dealId), dealName: text(doc.dealName) });
  if (doc.form === 'MailMessage') Object.assign(values, { mailId: doc._id, mailSubject: text(doc.subject)?.slice(0, 1000) });
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined));
}

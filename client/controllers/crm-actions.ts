import type { Access } from '../../design/access/acl.js';
import { MANAGER_ROLE } from '../../design/forms/crm-fields.js';
import type { Doc } from '../../design/form.js';
import type { Label } from '../../design/label.js';
import { CSRF_HEADER } from './session-api.js';

/** The managers' CRM actions on an open document, as the server offers them (server/crm/crm-routes.ts). */
export type CrmAction = 'urge' | 'hand-over';

export function crmActionsFor(access: Access, doc: Doc): CrmAction[] {
  if (!access.names.has(MANAGER_ROLE)) return [];
  if (doc.form === 'Deal') return ['urge', 'hand-over'];
  return doc.form === 'Customer' ? ['hand-over'] : [];
}

export type CrmActionOutcome = { readonly ok: true } | { readonly ok: false; readonly message: Label | string };

/**
 * Runs a manager's action on the server; it needs the network (the server writes the records and
 * the notices). The session's CSRF token is asked for at the time, as a form would.
 */
export async function runCrmAction(action: CrmAction, doc: Doc, input: string): Promise<CrmActionOutcome> {
  const [path, body] = action === 'urge'
    ? [`/api/crm/deals/${encodeURIComponent(doc._id!)}/urge`, input === '' ? {} : { message: input }]
    : ['/api/crm/hand-over', doc.form === 'Deal' ? { to: input, dealId: doc._id } : { to: input, customerId: doc._id }];
  return postCrmAction(path, body);
}

/** POSTs a CRM action with the session's CSRF token; a refusal gives the server's message in both languages. */
export async function postCrmAction(path: string, body: unknown): Promise<CrmActionOutcome & { readonly status?: number }> {
  try {
    const session = await fetch('/api/session');
    const { csrf } = (await session.json()) as { csrf?: string };
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf ?? '' },
      body: JSON.stringify(body),
    });
    if (response.ok) return { ok: true };
    const answer = (await response.json()) as { reason?: string; fields?: { message: Label }[] };
    return { ok: false, status: response.status, message: answer.fields?.[0]?.message ?? answer.reason ?? String(response.status) };
  } catch (error) {
    return { ok: false, message: String(error) };
  }
}

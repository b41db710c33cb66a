import type { ComplaintAction } from '../../design/complaint-actions.js';
import type { Label } from '../../design/label.js';
import { CSRF_HEADER, currentSession } from './session-api.js';

export type StepOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: Label | string };

/**
 * Takes a step of a complaint on the server, which stamps it with its clock and the signed-in
 * person; the changed complaint then arrives through replication. Needs the network.
 */
export async function takeComplaintStep(id: string, step: ComplaintAction): Promise<StepOutcome> {
  const session = await currentSession();
  if (session.kind !== 'signed-in') return { ok: false, reason: { zh: '无法连接服务器，投诉步骤需在线办理', en: 'The server cannot be reached; complaint steps need the network' } };
  try {
    const response = await fetch(`/api/complaints/${encodeURIComponent(id)}/actions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [CSRF_HEADER]: session.csrf },
      body: JSON.stringify(step),
    });
    if (response.ok) return { ok: true };
    const body = (await response.json().catch(() => ({}))) as { reason?: string; fields?: { message?: Label }[] };
    return { ok: false, reason: body.fields?.[0]?.message ?? body.reason ?? `HTTP ${response.status}` };
  } catch (error) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

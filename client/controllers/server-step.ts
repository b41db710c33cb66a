import type { Label } from '../../design/label.js';
import { CSRF_HEADER, currentSession } from './session-api.js';

export type StepOutcome = { readonly ok: true } | { readonly ok: false; readonly reason: Label | string };

/**
 * Posts a workflow step (a complaint's, an approval's) to the server, which stamps it with its
 * clock and the signed-in person; the changed document then arrives through replication. Needs
 * the network: offline, `offline` is the answer.
 */
export async function postServerStep(path: string, step: object, offline: Label): Promise<StepOutcome> {
  const session = await currentSession();
  if (session.kind !== 'signed-in') return { ok: false, reason: offline };
  try {
    const response = await fetch(path, {
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

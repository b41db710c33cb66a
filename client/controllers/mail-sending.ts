import type { Label } from '../../design/label.js';
import { callJson } from './server-api.js';

/**
 * Why mail written now could never be sent (no company account that sends), as the server says;
 * null when it can be sent, or when the server cannot be asked (offline: it is queued as ever).
 */
export async function sendingRefusal(): Promise<Label | null> {
  try {
    const answer = await callJson<{ canSend: boolean; reason?: Label }>('/api/mail/sending');
    return answer.canSend ? null : answer.reason ?? null;
  } catch {
    return null;
  }
}

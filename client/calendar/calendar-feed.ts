import { callJson, callApi, onServer, type ServerOutcome } from '../controllers/server-api.js';
import type { Label } from '../../design/label.js';

/** The signed-in person's secret iCal feed (server/calendar/calendar-routes.ts): its address, a new one, or none. */
export async function feedAddress(offline: Label, change: 'show' | 'renew' | 'revoke'): Promise<ServerOutcome<string | null>> {
  return onServer(offline, async (csrf) => {
    if (change === 'revoke') {
      await callApi('/api/calendar/feed', { method: 'DELETE', csrf });
      return null;
    }
    const { path } = await callJson<{ path: string }>('/api/calendar/feed', change === 'renew' ? { method: 'POST', csrf, json: {} } : {});
    return new URL(path, location.origin).href;
  });
}

/** Accepts the text/calendar invitation of a received mail (an entry of the person's calendar) or declines it; the server answers the organizer. */
export async function answerMailedInvitation(offline: Label, mailId: string, answer: 'accepted' | 'declined'): Promise<ServerOutcome<unknown>> {
  return onServer(offline, (csrf) => callJson('/api/calendar/invitations', { method: 'POST', csrf, json: { mailId, answer } }));
}

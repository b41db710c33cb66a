import { ApiError } from '../controllers/server-api.js';
import type { Locale } from './locale.js';

/** What to tell the user when a call to the server failed: no answer, a session that ended, or the server's reason. */
export function apiErrorText(error: unknown, locale: Locale): string {
  if (!(error instanceof ApiError) || error.status === 0) return locale.t.serverNeeded;
  if (error.status === 401) return locale.t.sessionEnded;
  return locale.t.serverRefused(error.said ? locale.label(error.said) : error.reason);
}

import type { CookieOptions, Request, Response } from 'express';
import { SESSION_TTL_MS } from './sessions.js';

export const SESSION_COOKIE = 'guanxi_session';

/**
 * HttpOnly: page scripts never see the token. SameSite=Lax: other sites' forms and scripts do not
 * send it with POSTs. Secure when the request came over HTTPS (directly, or through a proxy that
 * the `trustProxy` setting trusts), so that it is never sent back in clear.
 */
function cookieOptions(req: Request): CookieOptions {
  return { httpOnly: true, sameSite: 'lax', secure: req.secure, path: '/' };
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  res.cookie(SESSION_COOKIE, token, { ...cookieOptions(req), maxAge: SESSION_TTL_MS });
}

export function clearSessionCookie(req: Request, res: Response): void {
  res.clearCookie(SESSION_COOKIE, cookieOptions(req));
}

export function readSessionCookie(req: Request): string | undefined {
  for (const pair of (req.get('cookie') ?? '').split(';')) {
    const equals = pair.indexOf('=');
    if (equals !== -1 && pair.slice(0, equals).trim() === SESSION_COOKIE) {
      const value = pair.slice(equals + 1).trim();
      return value === '' ? undefined : value;
    }
  }
  return undefined;
}

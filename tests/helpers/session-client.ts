import { SESSION_COOKIE } from '../../server/auth/session-cookie.js';

export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: Record<string, unknown> | null;
}

/** A browser, as far as Guanxi's JSON API cares: it keeps the session cookie and the CSRF token. */
export class SessionClient {
  /** `guanxi_session=<token>`, as the cookie header sends it. */
  cookie: string | undefined;
  csrf: string | undefined;

  constructor(readonly url: string) {}

  async signIn(name: string, password: string): Promise<Answer> {
    const answer = await this.request('POST', '/api/session', { name, password });
    if (answer.status === 200) this.csrf = String(answer.body?.csrf);
    return answer;
  }

  /** Sends the cookie, and the CSRF token once known; keeps any session cookie the answer sets. */
  async request(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const response = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const set = sessionSetCookie(response.headers);
    if (set) this.cookie = set.split(';')[0];
    const text = await response.text();
    return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as Record<string, unknown>) };
  }

  /** The same browser's cookie in another client, as if the request went to another server or tab. */
  copyTo(url: string): SessionClient {
    const copy = new SessionClient(url);
    copy.cookie = this.cookie;
    copy.csrf = this.csrf;
    return copy;
  }
}

/** The Set-Cookie header of the session cookie in an answer, with its attributes. */
export function sessionSetCookie(headers: Headers): string | undefined {
  return headers.getSetCookie().find((cookie) => cookie.startsWith(`${SESSION_COOKIE}=`));
}

import { createHash, randomBytes } from 'node:crypto';
import { feedFollowedCacheOf } from '../store/feed-followed-cache.js';
import type { Store } from '../store/store.js';
import { readCredentials, updateCredentials } from './credentials.js';

/** A signed-in browser, in the servers' own database (never replicated), so every server of the store knows it. */
export interface Session {
  readonly user: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly lastSeenAt: string;
  /** Sent back in X-CSRF-Token on every state-changing request. */
  readonly csrf: string;
}

export interface OpenSession {
  /** The hash of its token: the token itself is only ever in the cookie. */
  readonly hash: string;
  readonly session: Session;
}

const SESSION_PREFIX = 'session-';
export const SESSION_TTL_MS = 30 * 24 * 3_600_000;
/** Sliding expiry without a write on every request. */
export const TOUCH_INTERVAL_MS = 60_000;

const iso = (ms: number) => new Date(ms).toISOString();
const idOf = (hash: string) => `${SESSION_PREFIX}${hash}`;

function hashOf(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * Sessions live in the store: they survive restarts and hold on every server in front of it. Each
 * server keeps those it read in memory (every request asks for its session), dropped when it writes
 * one and when the `server` database's changes feed shows one written: a session ended on another
 * server is refused here once that feed brings the news (see docs/administration.md).
 */
export class SessionStore {
  constructor(private readonly store: Store) {}

  private get docs() {
    return this.store.serverDocs;
  }

  private get cache() {
    return feedFollowedCacheOf(this.docs.pouch, SESSION_PREFIX);
  }

  /** Opens a session for someone who has just proven who they are; returns the token for the cookie. */
  async start(user: string, now: number): Promise<{ token: string; session: OpenSession }> {
    const token = randomBytes(32).toString('base64url');
    const hash = hashOf(token);
    const session: Session = {
      user, createdAt: iso(now), expiresAt: iso(now + SESSION_TTL_MS), lastSeenAt: iso(now), csrf: randomBytes(32).toString('base64url'),
    };
    await this.writing(hash, () => this.docs.update(idOf(hash), () => session));
    await this.recordSessions(user, await this.expiredOf(user, now), hash);
    return { token, session: { hash, session } };
  }

  /** The open session of a token; undefined when there is none or it has expired. */
  async find(token: string, now: number): Promise<OpenSession | undefined> {
    const hash = hashOf(token);
    const session = await this.cache.read(idOf(hash), () => this.docs.read<Session>(idOf(hash)));
    return session && Date.parse(session.expiresAt) > now ? { hash, session } : undefined;
  }

  /** Slides the expiry forward, at most once a minute; true when it did (and the cookie should follow). */
  async touch({ hash, session }: OpenSession, now: number): Promise<boolean> {
    if (now - Date.parse(session.lastSeenAt) < TOUCH_INTERVAL_MS) return false;
    // A session ended meanwhile stays ended.
    const touched = await this.writing(hash, () => this.docs.update<Session>(idOf(hash), (current) => current && {
      ...current, lastSeenAt: iso(now), expiresAt: iso(now + SESSION_TTL_MS),
    }));
    return touched !== undefined;
  }

  async end({ hash, session }: OpenSession): Promise<void> {
    await this.recordSessions(session.user, new Set([hash]));
  }

  /** Ends every session of the person, except the one given (the one that changed the password). */
  async endAll(user: string, except?: OpenSession): Promise<void> {
    const hashes = (await readCredentials(this.store, user))?.sessions ?? [];
    await this.recordSessions(user, new Set(hashes.filter((h) => h !== except?.hash)));
  }

  /** Ends the sessions `ending` (removing their documents) and adds `opened` to the person's list. */
  private async recordSessions(user: string, ending: ReadonlySet<string>, opened?: string): Promise<void> {
    await Promise.all([...ending].map((hash) => this.writing(hash, () => this.docs.remove(idOf(hash)))));
    await updateCredentials(this.store, user, (current) => current && {
      ...current, sessions: [...current.sessions.filter((h) => !ending.has(h)), ...(opened ? [opened] : [])],
    });
  }

  /** Writes a session's document, then forgets what this server had read of it, even if the write failed halfway. */
  private async writing<T>(hash: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.cache.drop(idOf(hash));
    }
  }

  /** The person's sessions that have expired, or whose documents are gone. */
  private async expiredOf(user: string, now: number): Promise<Set<string>> {
    const hashes = (await readCredentials(this.store, user))?.sessions ?? [];
    const open = await Promise.all(hashes.map(async (hash) => {
      const session = await this.docs.read<Session>(idOf(hash));
      return session !== undefined && Date.parse(session.expiresAt) > now;
    }));
    return new Set(hashes.filter((_hash, i) => !open[i]));
  }
}

import type { DbName } from '../../design/databases.js';
import type { UserContext } from '../../design/user.js';
import { makeFreshIfAsked } from './fresh-replica.js';
import { LocalDatabase } from './local-database.js';
import { Observable } from './observable.js';
import type { Refusal } from './outbox.js';
import { Replication, type PullProgress } from './replication.js';
import { myDatabases } from './session-api.js';
import { FIRST_PAGE } from './view-rows.js';

/** A replica filling (the first replication, or a long catch-up): documents so far and time left. */
export interface FillProgress {
  readonly docs: number;
  /** 0 to 1; null until the server has said how many documents the person may read. */
  readonly share: number | null;
  readonly secondsLeft: number | null;
}

export interface WorkspaceStatus {
  readonly online: boolean;
  readonly syncing: boolean;
  /** Every database has caught up with the server once and indexed its views. */
  readonly ready: boolean;
  readonly pending: number;
  readonly refused: readonly (Refusal & { readonly db: DbName })[];
  /** Set while some replica has not caught up with the server since the session began. */
  readonly filling: FillProgress | null;
}

/**
 * Everything a signed-in user has on this workstation: a local replica of each database they may
 * read, kept in live sync with the gateway while a session is open, and the status of it all.
 */
export class Workspace {
  readonly status = new Observable<WorkspaceStatus>({ online: navigator.onLine, syncing: false, ready: false, pending: 0, refused: [], filling: null });
  private replications: Replication[] = [];
  /** The session's CSRF token, for the server's API (printing, import); empty while offline. */
  csrf = '';
  /** Databases whose views are being indexed, or were, after the first sync; and those done. */
  private readonly indexing = new Set<DbName>();
  private readonly indexed = new Set<DbName>();
  private readonly cleanups: (() => void)[] = [];

  private constructor(readonly user: UserContext, readonly databases: readonly LocalDatabase[]) {
    for (const db of databases) this.cleanups.push(db.outbox.state.subscribe(() => this.computeStatus()));
    const onNetwork = () => {
      if (navigator.onLine) for (const replication of this.replications) replication.restart();
      this.computeStatus();
    };
    window.addEventListener('online', onNetwork);
    window.addEventListener('offline', onNetwork);
    this.cleanups.push(() => {
      window.removeEventListener('online', onNetwork);
      window.removeEventListener('offline', onNetwork);
    });
    this.computeStatus();
  }

  /** Opens the user's replicas; null when the databases are unknown (never signed in online here). */
  static async open(user: UserContext): Promise<Workspace | null> {
    const infos = await myDatabases(user);
    if (!infos) return null;
    await Promise.all(infos.map((info) => makeFreshIfAsked(user, info.name)));
    const databases = infos.map((info) => new LocalDatabase(info, user));
    await Promise.all(databases.map((db) => db.open()));
    return new Workspace(user, databases);
  }

  database(name: string): LocalDatabase | undefined {
    return this.databases.find((db) => db.name === name);
  }

  /** Starts live sync with a session's CSRF token; `onSessionEnded` when the gateway answers 401. */
  connect(csrf: string, onSessionEnded: () => void): void {
    this.disconnect();
    this.csrf = csrf;
    let ended = false;
    const ended401 = () => {
      if (ended) return;
      ended = true;
      this.disconnect();
      onSessionEnded();
    };
    this.replications = this.databases.map((db) => {
      const replication = new Replication(db, csrf, ended401);
      replication.state.subscribe((state) => {
        if (state.caughtUp && !this.indexing.has(db.name)) {
          void this.indexAfterFirstSync(db);
          // Pinned documents the settings leave out: brought back into a fresh replica, kept current anyway.
          if (db.replica.pinned.size > 0) void replication.fetchDocs([...db.replica.pinned]).catch(() => undefined);
          void db.keepFilesHere().catch(() => undefined);
        }
        else if (state.progress) db.views.refreshSoon();
        this.computeStatus();
      });
      // The administrator's default decides what the first replication leaves out.
      void db.replica.prepare().finally(() => replication.start());
      db.serverOpen = true;
      db.fetchFromServer = (ids) => replication.fetchDocs(ids);
      db.readMarks?.connect(csrf);
      return replication;
    });
    // The view a person opens first (the navigator's first, as the view pane asks for it) is read
    // from the server now, while the replicas are still empty, not after a click behind their first pages.
    const first = this.databases.find((db) => db.viewDefs.length > 0);
    first?.readViewPageEarly(first.viewDefs[0]!, { after: null, limit: FIRST_PAGE, expandAll: true, toggled: [] });
    this.computeStatus();
  }

  /** Starts a database's replication again, e.g. with new replication settings (a checkpoint of their own). */
  restartReplication(dbName: string): void {
    this.replications[this.databases.findIndex((db) => db.name === dbName)]?.restart();
    // A larger file size brings the files the replica's documents left on the server; a smaller one lets them go.
    void this.database(dbName)?.keepFilesHere().catch(() => undefined);
  }

  disconnect(): void {
    for (const replication of this.replications) replication.stop();
    for (const db of this.databases) {
      db.serverOpen = false;
      db.fetchFromServer = null;
      db.readMarks?.disconnect();
    }
    this.replications = [];
    this.computeStatus();
  }

  async close(): Promise<void> {
    this.disconnect();
    for (const cleanup of this.cleanups) cleanup();
    await Promise.all(this.databases.map((db) => db.close()));
  }

  /** Builds every view's index once the first replication has brought the documents, so views open at once. */
  private async indexAfterFirstSync(db: LocalDatabase): Promise<void> {
    this.indexing.add(db.name);
    await db.views.refreshAll();
    await db.views.compact();
    db.markFilled();
    this.indexed.add(db.name);
    this.computeStatus();
  }

  private computeStatus(): void {
    const states = this.replications.map((r) => r.state.value);
    const refused = this.databases.flatMap((db) => db.outbox.state.value.refused.map((r) => ({ ...r, db: db.name })));
    this.status.set({
      online: navigator.onLine && states.length > 0 && states.every((s) => s.connected !== false),
      syncing: states.some((s) => s.active),
      ready: states.length > 0 && states.every((s) => s.caughtUp) && this.databases.every((db) => this.indexed.has(db.name)),
      pending: this.databases.reduce((n, db) => n + Object.keys(db.outbox.state.value.unsent).length, 0),
      refused,
      filling: fillProgress(states.map((s) => s.progress)),
    });
  }
}

/**
 * All replicas' progress as one: documents summed; the share of the documents the person may read
 * that the replicas hold; the time left from this run's pace.
 */
function fillProgress(progress: readonly (PullProgress | null)[]): FillProgress | null {
  const filling = progress.filter((p): p is PullProgress => p !== null);
  if (filling.length === 0) return null;
  const sum = (field: (p: PullProgress) => number): number => filling.reduce((n, p) => n + field(p), 0);
  const docs = sum((p) => p.docs);
  const [held, total] = [sum((p) => p.held), sum((p) => p.total)];
  if (!Number.isFinite(held) || !Number.isFinite(total) || total <= 0) return { docs, share: null, secondsLeft: null };
  const share = Math.min(1, (held + docs) / total);
  const elapsed = (Date.now() - Math.min(...filling.map((p) => p.startedAt))) / 1000;
  const left = Math.max(0, total - held - docs);
  return { docs, share, secondsLeft: docs > 0 ? Math.round((elapsed * left) / docs) : null };
}

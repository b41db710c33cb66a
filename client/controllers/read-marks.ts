import { Observable } from './observable.js';
import type { StoredDoc } from './pouch.js';
import { CSRF_HEADER } from './session-api.js';

/** The databases whose documents carry unread marks: the forum, as in a Notes discussion. */
export const UNREAD_MARKED_DBS: readonly string[] = ['discussion'];

const MARKS_ID = '_local/guanxi-read-marks';
/** Marks made in quick succession are shared with the server once. */
const SHARE_DELAY_MS = 1000;

/**
 * Which documents this user has read, Notes' unread marks. Per user and not on the shared
 * document: kept in a `_local` document of the user's own replica, which never replicates, so it
 * works offline and reveals nothing to others. A document is read once opened; one's own posts
 * are never unread. The user's workstations share the marks through the gateway's per-user
 * `_local` document; marks only ever grow, so merging two workstations' marks is their union.
 */
export class ReadMarks {
  /** Bumped whenever a mark changes, so the view pane shows it. */
  readonly changed = new Observable(0);
  private readonly read = new Set<string>();
  private readonly own = new Set<string>();
  private rev: string | undefined;
  private saving: Promise<void> = Promise.resolve();
  private csrf: string | null = null;
  private shareTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly pouch: PouchDB.Database<Record<string, unknown>>, private readonly dbName: string, private readonly userName: string) {}

  /** While signed in: merges the marks with the server's copy now and after each change. */
  connect(csrf: string): void {
    this.csrf = csrf;
    void this.share();
  }

  disconnect(): void {
    this.csrf = null;
    if (this.shareTimer) clearTimeout(this.shareTimer);
    this.shareTimer = null;
  }

  async load(): Promise<void> {
    try {
      const stored = await this.pouch.get<{ ids: string[] }>(MARKS_ID);
      for (const id of stored.ids) this.read.add(id);
      this.rev = stored._rev;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    this.changed.update((n) => n + 1);
  }

  /** Called for every document the replica holds or receives. */
  noteDoc(doc: StoredDoc): void {
    if (doc.createdBy === this.userName) this.own.add(doc._id);
  }

  isUnread(id: string): boolean {
    return !this.read.has(id) && !this.own.has(id);
  }

  markRead(id: string): Promise<void> {
    if (!this.isUnread(id)) return this.saving;
    this.read.add(id);
    return this.save();
  }

  /** Notes' "Mark all read": every document of the database as it is now. */
  async markAllRead(): Promise<void> {
    const { rows } = await this.pouch.allDocs();
    for (const row of rows) if (!row.id.startsWith('_design/')) this.read.add(row.id);
    await this.save();
  }

  private save(): Promise<void> {
    this.changed.update((n) => n + 1);
    if (this.csrf) this.shareTimer ??= setTimeout(() => {
      this.shareTimer = null;
      void this.share();
    }, SHARE_DELAY_MS);
    return this.saveLocal();
  }

  /** Reads the server's copy, adds it to ours, and writes the union back; offline, the next change tries again. */
  private async share(): Promise<void> {
    const csrf = this.csrf;
    if (!csrf) return;
    const url = `/sync/${this.dbName}/${MARKS_ID}`;
    try {
      for (let attempt = 0; attempt < 3; attempt++) {
        const answer = await fetch(url, { headers: { accept: 'application/json' } });
        if (!answer.ok && answer.status !== 404) return;
        const remote = answer.ok ? ((await answer.json()) as { _rev?: string; ids?: unknown }) : {};
        const before = this.read.size;
        for (const id of Array.isArray(remote.ids) ? remote.ids : []) if (typeof id === 'string') this.read.add(id);
        if (this.read.size !== before) {
          this.changed.update((n) => n + 1);
          await this.saveLocal();
        }
        if (answer.ok && this.read.size === (remote.ids as unknown[]).length) return;
        const put = await fetch(url, {
          method: 'PUT',
          headers: { 'content-type': 'application/json', [CSRF_HEADER]: csrf },
          body: JSON.stringify({ ids: [...this.read], ...(remote._rev ? { _rev: remote._rev } : {}) }),
        });
        if (put.status !== 409) return; // another workstation wrote meanwhile: merge again
      }
    } catch {
      // Offline: the marks stay here and are shared at the next change or sign-in.
    }
  }

  /** Writes the marks to the replica, one write after another; a failed write does not stop the next. */
  private saveLocal(): Promise<void> {
    const put = (rev: string | undefined) => this.pouch.put({ _id: MARKS_ID, ids: [...this.read], ...(rev ? { _rev: rev } : {}) });
    this.saving = this.saving.catch(() => undefined).then(async () => {
      try {
        this.rev = (await put(this.rev)).rev;
      } catch (error) {
        // Written before the stored marks were loaded: keep both.
        if ((error as { status?: number }).status !== 409) throw error;
        const stored = await this.pouch.get<{ ids: string[] }>(MARKS_ID);
        for (const id of stored.ids) this.read.add(id);
        this.rev = (await put(stored._rev)).rev;
      }
    });
    return this.saving;
  }
}

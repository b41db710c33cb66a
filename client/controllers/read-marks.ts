import type { StoredDoc } from './pouch.js';
import { Observable } from './observable.js';

/** The databases whose documents carry unread marks: the forum, as in a Notes discussion. */
export const UNREAD_MARKED_DBS: readonly string[] = ['discussion'];

const MARKS_ID = '_local/guanxi-read-marks';

/**
 * Which documents this user has read, Notes' unread marks. Per user and not on the shared
 * document: kept in a `_local` document of the user's own replica, which never replicates, so it
 * works offline and reveals nothing to others. A document is read once opened; one's own posts
 * are never unread. (The marks belong to this workstation: another one starts its own.)
 */
export class ReadMarks {
  /** Bumped whenever a mark changes, so the view pane shows it. */
  readonly changed = new Observable(0);
  private read = new Set<string>();
  private readonly own = new Set<string>();
  private rev: string | undefined;
  private saving: Promise<void> = Promise.resolve();

  constructor(private readonly pouch: PouchDB.Database<Record<string, unknown>>, private readonly userName: string) {}

  async load(): Promise<void> {
    try {
      const stored = await this.pouch.get<{ ids: string[] }>(MARKS_ID);
      this.read = new Set(stored.ids);
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
    this.saving = this.saving.then(async () => {
      const doc = { _id: MARKS_ID, ids: [...this.read], ...(this.rev ? { _rev: this.rev } : {}) };
      this.rev = (await this.pouch.put(doc)).rev;
    });
    return this.saving;
  }
}

import type { DbName } from '../../design/databases.js';
import { BulkBrowserLevel } from './bulk-browser-level.js';
import { viewsWorker, type ViewsWorker } from './views-worker-client.js';
import { LevelViewIndex, type ChangesFeed } from '../../engine/level-view-index.js';
import { PACKED } from '../../engine/view-rows.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { viewersCategory } from '../../engine/viewer-category-source.js';
import { readViewPage, type ViewPage, type ViewPageRequest } from '../../engine/view-page.js';
import type { CompiledView } from '../../views/compile-view.js';
import type { IndexRow, Key } from '../../engine/view-source.js';

/**
 * The views of one local database, each indexed by engine/'s LevelViewIndex in IndexedDB and fed
 * from the replica's changes feed: the same compiled map and paging as the server's embedded store.
 * The indexes are written by the views worker (client/views-worker.ts), off the page's thread; the
 * page only reads them. Where no worker runs, the page indexes them itself.
 */
export class LocalViews {
  private readonly level: BulkBrowserLevel<unknown>;
  private readonly indexes = new Map<string, LevelViewIndex>();
  /** One feed for all the views, so that they can be indexed in one pass over it. */
  private readonly feed: ChangesFeed;
  private background: Promise<void> | null = null;
  private again = false;
  private readonly worker: ViewsWorker | null = viewsWorker();
  /** Set once the page writes the indexes itself (the worker could not run). */
  private pageIndexes = false;

  /** `userName`: whose category a view of one's own category (My Posts) shows. */
  constructor(private readonly pouch: PouchDB.Database, private readonly location: string, private readonly db: DbName, private readonly views: readonly CompiledView[], private readonly userName: string) {
    this.level = new BulkBrowserLevel<unknown>(location);
    this.feed = pouchChangesFeed(pouch);
  }

  private index(view: CompiledView): LevelViewIndex {
    let index = this.indexes.get(view.id);
    if (!index) {
      index = new LevelViewIndex(view, this.feed, this.level, { readOnly: this.byWorker(), pack: PACKED });
      this.indexes.set(view.id, index);
    }
    return index;
  }

  /** A page of the view, after bringing its index up to the replica. */
  async page(view: CompiledView, request: ViewPageRequest): Promise<ViewPage> {
    const index = await this.current(view);
    return readViewPage(view.def.viewersCategoryOnly ? await viewersCategory(index, this.userName) : index, request);
  }

  /** Rows of the view from `after` on (in key order), after bringing its index up to the replica: the calendar reads a range of dates. */
  async rows(view: CompiledView, prefix: Key, after: { key: Key; id: string } | null, limit: number): Promise<IndexRow[]> {
    return (await this.current(view)).documents(prefix, after, limit);
  }

  /**
   * Indexes every view soon, in the background, while a replica fills: each pass takes what arrived
   * since the last one, so the indexes keep pace with the replication instead of starting after it.
   */
  refreshSoon(): void {
    if (this.background) {
      this.again = true;
      return;
    }
    this.background = this.refreshAll().catch(() => undefined).finally(() => {
      this.background = null;
      if (this.again) {
        this.again = false;
        this.refreshSoon();
      }
    });
  }

  /** Indexes every view now, in one pass over the new changes, so that opening one later reads pages at once. */
  refreshAll(): Promise<void> {
    return this.inWorkerOrHere('refresh', () => LevelViewIndex.refreshTogether(this.views.map((view) => this.index(view))));
  }

  /** Merges the views' packed runs into one each (after a new replica's first fill), so that a page reads one run. */
  compact(): Promise<void> {
    return this.inWorkerOrHere('compact', () => LevelViewIndex.compactTogether(this.views.map((view) => this.index(view))));
  }

  /** Asks the worker to write the indexes; where it cannot run, the page does (`here`). */
  private async inWorkerOrHere(type: 'refresh' | 'compact', here: () => Promise<void>): Promise<void> {
    if (this.byWorker()) {
      try {
        await this.worker!.send(type, this.pouch.name, this.location, this.db);
        // The worker wrote the indexes: the totals and categories these readers keep are read again.
        for (const index of this.indexes.values()) index.forget();
        return;
      } catch (error) {
        if (!this.worker!.broken) throw error;
      }
    }
    await here();
  }

  /** The view's index, brought up to the replica (with the others when the worker indexes them). */
  private async current(view: CompiledView): Promise<LevelViewIndex> {
    if (this.byWorker()) await this.refreshAll();
    const index = this.index(view);
    if (!this.byWorker()) await index.refresh();
    return index;
  }

  /** Whether the worker writes the indexes; once it cannot run, the page does, with indexes of its own that write. */
  private byWorker(): boolean {
    if (!this.worker) return false;
    if (!this.worker.broken) return true;
    if (!this.pageIndexes) {
      this.pageIndexes = true;
      this.indexes.clear();
    }
    return false;
  }

  async close(): Promise<void> {
    await this.worker?.send('close', this.pouch.name, this.location, this.db).catch(() => undefined);
    await this.level.close();
  }
}

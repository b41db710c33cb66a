import { BrowserLevel } from 'browser-level';
import { LevelViewIndex } from '../../engine/level-view-index.js';
import { pouchChangesFeed } from '../../engine/pouch-changes-feed.js';
import { viewersCategory } from '../../engine/viewer-category-source.js';
import { readViewPage, type ViewPage, type ViewPageRequest } from '../../engine/view-page.js';
import type { CompiledView } from '../../views/compile-view.js';

/**
 * The views of one local database, each indexed by engine/'s LevelViewIndex in IndexedDB and fed
 * from the replica's changes feed: the same compiled map and paging as the server's embedded store.
 */
export class LocalViews {
  private readonly level: BrowserLevel<string, unknown>;
  private readonly indexes = new Map<string, LevelViewIndex>();

  /** `userName`: whose category a view of one's own category (My Posts) shows. */
  constructor(private readonly pouch: PouchDB.Database, location: string, private readonly views: readonly CompiledView[], private readonly userName: string) {
    this.level = new BrowserLevel<string, unknown>(location);
  }

  private index(view: CompiledView): LevelViewIndex {
    let index = this.indexes.get(view.id);
    if (!index) {
      index = new LevelViewIndex(view, pouchChangesFeed(this.pouch), this.level);
      this.indexes.set(view.id, index);
    }
    return index;
  }

  /** A page of the view, after bringing its index up to the replica. */
  async page(view: CompiledView, request: ViewPageRequest): Promise<ViewPage> {
    const index = this.index(view);
    await index.refresh();
    return readViewPage(view.def.viewersCategoryOnly ? await viewersCategory(index, this.userName) : index, request);
  }

  /** Indexes every view now, so that opening one later reads pages at once. */
  async refreshAll(): Promise<void> {
    for (const view of this.views) await this.index(view).refresh();
  }

  async close(): Promise<void> {
    await this.level.close();
  }
}

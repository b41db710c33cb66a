import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { collate } from 'pouchdb-collate';
import { sortKey } from '../../design/sort-key.js';
import { rowsBeforeDay } from '../../engine/rows-before-day.js';
import type { Cursor, ViewRow } from '../../engine/view-page.js';
import type { Key, Totals } from '../../engine/view-source.js';
import type { CompiledView } from '../../views/compile-view.js';
import type { LocalDatabase } from './local-database.js';

export const FIRST_PAGE = 60;
const NEXT_PAGE = 400;
const MAX_PAGE = 1000;
/** Up to this many rows, a view wholly loaded may be re-sorted here by any sorted column. */
export const CLIENT_SORT_LIMIT = 5000;

export interface ClientSort {
  readonly column: number;
  readonly direction: 1 | -1;
}

/**
 * The rows of one view as the view pane shows them: paged in from the local index as the user
 * scrolls (so a view of 100,000 rows costs only what has been seen), categories expanded or
 * collapsed, and an optional re-sort of a small view that is wholly loaded. An overdue list reads
 * its view up to today, wholly, and totals what it shows.
 */
export class ViewRowsController implements ReactiveController {
  rows: ViewRow[] = [];
  total: Totals | null = null;
  loading = false;
  /** Some rows shown came from the server: the replica is still filling. */
  fromServer = false;
  error: string | null = null;
  expandAll = true;
  sort: ClientSort | null = null;
  private toggled: Key[] = [];
  private next: Cursor | null = null;
  private source: { db: LocalDatabase; view: CompiledView } | null = null;
  /** Bumped by each reload: answers to an older one are dropped. */
  private generation = 0;
  private sorted: ViewRow[] | null = null;
  /** For an overdue list: the day (today, asked at each read) whose rows and later ones are left out. */
  private cutDay: (() => string) | null = null;

  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** A pane taken off the page drops the answers still on their way. */
  hostDisconnected(): void {
    this.generation++;
    this.loading = false;
  }

  get complete(): boolean {
    return this.source !== null && this.next === null && !this.loading;
  }

  /** What to show: the loaded rows, re-sorted when a client sort is on. */
  get display(): readonly ViewRow[] {
    if (!this.sort) return this.rows;
    this.sorted ??= sortRows(this.rows, this.sort);
    return this.sorted;
  }

  async open(db: LocalDatabase, view: CompiledView, cutDay: (() => string) | null = null): Promise<void> {
    this.source = { db, view };
    this.cutDay = cutDay;
    this.expandAll = true;
    this.toggled = [];
    this.sort = null;
    this.rows = [];
    this.total = null;
    await this.reload(cutDay ? CLIENT_SORT_LIMIT : FIRST_PAGE);
  }

  /** Reads again from the top as many rows as are loaded now: after a change, or a category opened or closed. */
  async reload(count = Math.max(this.rows.length, FIRST_PAGE)): Promise<void> {
    if (!this.source) return;
    const generation = ++this.generation;
    const { db, view } = this.source;
    this.loading = true;
    this.host.requestUpdate();
    try {
      const rows: ViewRow[] = [];
      let after: Cursor | null = null;
      let total: Totals | null = null;
      let fromServer = false;
      do {
        const page = await db.viewPage(view, { after, limit: Math.min(count - rows.length, MAX_PAGE), expandAll: this.expandAll, toggled: this.toggled });
        if (generation !== this.generation) return;
        fromServer ||= page.fromServer;
        rows.push(...page.rows);
        total = page.total;
        after = page.next;
        if (this.cutDay && rowsBeforeDay(rows, this.cutDay()).cut) break;
      } while (after && rows.length < count);
      this.fromServer = fromServer;
      this.apply(rows, after, total);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  /** Loads the next page, if any and none is on its way. */
  async more(): Promise<void> {
    if (!this.source || !this.next || this.loading) return;
    const generation = this.generation;
    const { db, view } = this.source;
    this.loading = true;
    try {
      const page = await db.viewPage(view, { after: this.next, limit: NEXT_PAGE, expandAll: this.expandAll, toggled: this.toggled });
      if (generation !== this.generation) return;
      this.fromServer ||= page.fromServer;
      this.apply([...this.rows, ...page.rows], page.next, page.total);
    } catch (error) {
      if (generation === this.generation) this.fail(error);
    }
  }

  /** Loads until `count` rows are there or the view ends (the End key, a drag of the scroll bar). */
  async ensure(count: number): Promise<void> {
    while (this.next && this.rows.length < count) {
      const before = this.rows.length;
      await this.more();
      if (this.rows.length === before) return;
    }
  }

  async toggle(key: Key): Promise<void> {
    const at = this.toggled.findIndex((k) => collate(k, key) === 0);
    this.toggled = at >= 0 ? this.toggled.filter((_, i) => i !== at) : [...this.toggled, key];
    await this.reload();
  }

  /** Notes' "Expand all" and "Collapse all" (categories only). */
  async setExpandAll(expand: boolean): Promise<void> {
    this.expandAll = expand;
    this.toggled = [];
    await this.reload(FIRST_PAGE);
  }

  /** Cycles a column through ascending, descending and the view's own order. */
  sortBy(column: number): void {
    const current = this.sort?.column === column ? this.sort.direction : 0;
    this.sort = current === 0 ? { column, direction: 1 } : current === 1 ? { column, direction: -1 } : null;
    this.sorted = null;
    this.host.requestUpdate();
  }

  private apply(rows: ViewRow[], next: Cursor | null, total: Totals | null): void {
    if (this.cutDay && this.source) {
      const before = rowsBeforeDay(rows, this.cutDay());
      [rows, next, total] = [before.rows, before.cut ? null : next, totalsOf(this.source.view, before.rows)];
    }
    this.rows = rows;
    this.next = next;
    this.total = total;
    this.loading = false;
    this.error = null;
    this.sorted = null;
    this.host.requestUpdate();
  }

  private fail(error: unknown): void {
    this.loading = false;
    this.error = error instanceof Error ? error.message : String(error);
    this.host.requestUpdate();
  }
}

/** The count and column totals of the rows an overdue list shows (the view's own are over all its rows). */
function totalsOf(view: CompiledView, rows: readonly ViewRow[]): Totals {
  const columns = view.def.columns.flatMap((column, i) => (column.total ? [i] : []));
  const documents = rows.filter((row) => row.kind === 'document');
  return {
    count: documents.length,
    sums: columns.map((i) => documents.reduce((sum, row) => sum + (typeof row.values[i] === 'number' ? (row.values[i] as number) : 0), 0)),
  };
}

/** Sorts each run of documents between category headers, keeping every response thread under its main document. */
function sortRows(rows: readonly ViewRow[], { column, direction }: ClientSort): ViewRow[] {
  const out: ViewRow[] = [];
  let run: ViewRow[][] = [];
  const flush = () => {
    run.sort((a, b) => direction * compareValues(valueOf(a[0]!, column), valueOf(b[0]!, column)));
    for (const thread of run) out.push(...thread);
    run = [];
  };
  for (const row of rows) {
    if (row.kind === 'category') {
      flush();
      out.push(row);
    } else if (row.depth > 0 && run.length > 0) {
      run[run.length - 1]!.push(row);
    } else {
      run.push([row]);
    }
  }
  flush();
  return out;
}

function valueOf(row: ViewRow, column: number): unknown {
  if (row.kind !== 'document') return null;
  const value = row.values[column];
  return Array.isArray(value) ? value[0] : value;
}

/** Empty values last; text by its pinyin sort key, so that Chinese sorts as everywhere else in Guanxi. */
function compareValues(a: unknown, b: unknown): number {
  const emptyA = a === null || a === undefined || a === '';
  const emptyB = b === null || b === undefined || b === '';
  if (emptyA || emptyB) return emptyA === emptyB ? 0 : emptyA ? 1 : -1;
  if (typeof a === 'string' && typeof b === 'string') return collate(sortKey(a), sortKey(b));
  return collate(a, b);
}

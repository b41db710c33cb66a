import { collate } from 'pouchdb-collate';
import type { IndexRow, Key, ResponseRow, Totals, ViewSource } from './view-source.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 1000;

/** Where a page continues: after a document row (with `id`) or after a category header. */
export interface Cursor {
  readonly key: Key;
  readonly id?: string;
}

export interface ViewPageRequest {
  readonly after?: Cursor | null;
  /** Display rows: category headers, documents and responses. */
  readonly limit?: number;
  /** Notes' "expand all" (the default) or "collapse all". */
  readonly expandAll?: boolean;
  /** Category keys whose state differs from the default. */
  readonly toggled?: readonly Key[];
}

export type ViewRow =
  | {
      readonly kind: 'category';
      readonly key: Key;
      readonly level: number;
      readonly title: unknown;
      readonly count: number;
      readonly sums: number[];
      readonly expanded: boolean;
    }
  | {
      readonly kind: 'document';
      readonly id: string;
      readonly key: Key | null;
      readonly level: number;
      readonly values: unknown[];
      /** How deep in a response thread: 0 for a main document. */
      readonly depth: number;
    };

export interface ViewPage {
  readonly rows: ViewRow[];
  /** Pass back as `after` for the next page; null at the end of the view. */
  readonly next: Cursor | null;
  readonly total: Totals;
}

/**
 * Builds one page of a Notes view: category headers with their totals, documents under the
 * expanded categories, and each main document followed by its whole response thread (a thread
 * is never split across pages, so a page may run a little over its limit).
 */
export async function readViewPage(source: ViewSource, request: ViewPageRequest = {}): Promise<ViewPage> {
  const limit = Math.min(Math.max(1, Math.floor(request.limit ?? DEFAULT_PAGE_SIZE)), MAX_PAGE_SIZE);
  const walker = new PageWalker(source, limit, request);
  const [, total] = await Promise.all([walker.walk([], request.after ?? null), source.total()]);
  return { rows: walker.rows, next: walker.full ? walker.cursor : null, total };
}

class PageWalker {
  readonly rows: ViewRow[] = [];
  cursor: Cursor | null = null;
  private readonly categoryCount: number;
  private readonly expandAll: boolean;
  private readonly toggled: readonly Key[];

  constructor(private readonly source: ViewSource, private readonly limit: number, request: ViewPageRequest) {
    this.categoryCount = source.view.categoryCount;
    this.expandAll = request.expandAll ?? true;
    this.toggled = request.toggled ?? [];
  }

  get full(): boolean {
    return this.rows.length >= this.limit;
  }

  /** Emits what lies under `prefix` after `resume`; returns true once the page is full. */
  async walk(prefix: Key, resume: Cursor | null): Promise<boolean> {
    const depth = prefix.length;
    if (depth === this.categoryCount) return this.walkDocuments(prefix, resume?.id === undefined ? null : { key: resume.key, id: resume.id });

    let after: Key | null = null;
    if (resume && resume.key.length > depth) {
      const category = resume.key.slice(0, depth + 1);
      const atHeader = resume.id === undefined && resume.key.length === depth + 1;
      if (this.isExpanded(category) && (await this.walk(category, atHeader ? null : resume))) return true;
      after = category;
    }
    for (;;) {
      const want = this.limit - this.rows.length;
      const categories = await this.source.categories(prefix, after, want);
      for (const category of categories) {
        const expanded = this.isExpanded(category.key);
        const last = category.key[category.key.length - 1];
        this.rows.push({
          kind: 'category', key: category.key, level: depth, title: Array.isArray(last) ? last[1] : last,
          count: category.count, sums: category.sums, expanded,
        });
        this.cursor = { key: category.key };
        if (this.full) return true;
        if (expanded && (await this.walk(category.key, null))) return true;
        after = category.key;
      }
      if (categories.length < want) return false;
    }
  }

  private async walkDocuments(prefix: Key, resume: { key: Key; id: string } | null): Promise<boolean> {
    let after = resume;
    for (;;) {
      const want = this.limit - this.rows.length;
      const rows = await this.source.documents(prefix, after, want);
      const threads = this.source.view.def.responses ? await this.threads(rows.map((row) => row.id)) : new Map<string, ResponseRow[]>();
      for (const row of rows) {
        this.pushDocument(row, prefix.length, threads);
        this.cursor = { key: row.key, id: row.id };
        if (this.full) return true;
      }
      if (rows.length < want) return false;
      const last = rows[rows.length - 1]!;
      after = { key: last.key, id: last.id };
    }
  }

  private pushDocument(row: IndexRow, level: number, threads: Map<string, ResponseRow[]>): void {
    this.rows.push({ kind: 'document', id: row.id, key: row.key, level, values: row.value, depth: 0 });
    const pushResponses = (parent: string, depth: number): void => {
      for (const response of threads.get(parent) ?? []) {
        this.rows.push({ kind: 'document', id: response.id, key: null, level, values: response.value, depth });
        pushResponses(response.id, depth + 1);
      }
    };
    pushResponses(row.id, 1);
  }

  /** Responses of these documents, all generations, grouped by parent and oldest first. */
  private async threads(ids: readonly string[]): Promise<Map<string, ResponseRow[]>> {
    const byParent = new Map<string, ResponseRow[]>();
    const visited = new Set(ids);
    let parents = ids;
    while (parents.length > 0) {
      const responses = (await this.source.responses(parents)).filter((r) => !visited.has(r.id));
      for (const response of responses) {
        visited.add(response.id);
        const siblings = byParent.get(response.parent) ?? [];
        siblings.push(response);
        byParent.set(response.parent, siblings);
      }
      parents = responses.map((r) => r.id);
    }
    for (const siblings of byParent.values()) siblings.sort((a, b) => collate([a.created, a.id], [b.created, b.id]));
    return byParent;
  }

  private isExpanded(category: Key): boolean {
    const toggled = this.toggled.some((key) => collate(key, category) === 0);
    return this.expandAll !== toggled;
  }
}

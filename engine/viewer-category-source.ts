import type { CategoryTotals, Key, ViewSource } from './view-source.js';

const SCAN = 500;

/**
 * Notes' "show single category" with the user's name: a view whose first category is a person
 * (My Posts: posts by author) shown to each user as their own category's documents only, without
 * its header. Keys seen through it lack the first category, so paging works as in any view.
 */
export async function viewersCategory(source: ViewSource, userName: string): Promise<ViewSource> {
  const mine = await findCategory(source, userName);
  const strip = (key: Key): Key => key.slice(1);
  const view = { ...source.view, categoryCount: source.view.categoryCount - 1 };
  if (!mine) {
    return {
      view,
      documents: () => Promise.resolve([]),
      categories: () => Promise.resolve([]),
      total: async () => ({ count: 0, sums: (await source.total()).sums.map(() => 0) }),
      responses: (ids) => source.responses(ids),
    };
  }
  return {
    view,
    async documents(prefix, after, limit) {
      const rows = await source.documents([mine.key[0], ...prefix], after && { key: [mine.key[0], ...after.key], id: after.id }, limit);
      return rows.map((row) => ({ ...row, key: strip(row.key) }));
    },
    async categories(prefix, after, limit) {
      const categories = await source.categories([mine.key[0], ...prefix], after && [mine.key[0], ...after], limit);
      return categories.map((category) => ({ ...category, key: strip(category.key) }));
    },
    total: () => Promise.resolve({ count: mine.count, sums: mine.sums }),
    responses: (ids) => source.responses(ids),
  };
}

/** The top-level category whose title is the user's name. */
async function findCategory(source: ViewSource, title: string): Promise<CategoryTotals | undefined> {
  let after: Key | null = null;
  for (;;) {
    const categories = await source.categories([], after, SCAN);
    const found = categories.find((category) => {
      const last = category.key[0];
      return (Array.isArray(last) ? last[1] : last) === title;
    });
    if (found || categories.length < SCAN) return found;
    after = categories[categories.length - 1]!.key;
  }
}

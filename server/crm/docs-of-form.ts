import type { Doc } from '../../design/form.js';
import type { Database } from '../store/store.js';

const PAGE = 500;

/** Whether this `_local` document (a marker of work done once per database) exists. */
export async function hasLocal(db: Database, id: string): Promise<boolean> {
  try {
    await db.pouch.get(id);
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

/** Every document of a form, a page of the database at a time. */
export async function* docsOfForm(db: Database, form: string): AsyncGenerator<Doc> {
  let startkey: string | undefined;
  for (;;) {
    const page = await db.pouch.allDocs({ include_docs: true, limit: PAGE + 1, ...(startkey === undefined ? {} : { startkey }) });
    for (const row of page.rows.slice(0, PAGE)) {
      const doc = row.doc as Doc | undefined;
      if (doc?.form === form) yield doc;
    }
    if (page.rows.length <= PAGE) return;
    startkey = page.rows[PAGE]!.id;
  }
}

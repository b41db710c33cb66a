import type { MapDoc } from '../views/map-spec.js';
import type { ChangesFeed } from './level-view-index.js';

/** The changes feed of a PouchDB database (server LevelDB, browser IndexedDB) as the view index reads it. */
export function pouchChangesFeed(pouch: PouchDB.Database): ChangesFeed {
  return {
    async changes(options) {
      const { results, last_seq } = await pouch.changes(options);
      return { results: results.map((r) => ({ id: r.id, seq: r.seq, deleted: r.deleted, doc: r.doc as MapDoc | undefined })), last_seq };
    },
    info: () => pouch.info(),
  };
}

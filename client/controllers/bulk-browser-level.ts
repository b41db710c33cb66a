import { BrowserLevel } from 'browser-level';

type Operation = { readonly type: 'put'; readonly key: string; readonly value: unknown } | { readonly type: 'del'; readonly key: string };

/**
 * browser-level whose batch hands every write to IndexedDB at once: the stock one waits for each
 * request to succeed before making the next, one task per key, which is most of the time a new
 * replica's view indexes take (tens of thousands of keys per batch).
 */
export class BulkBrowserLevel<V> extends BrowserLevel<string, V> {
  /** Called by abstract-level's batch() with the keys and values already encoded. */
  async _batch(operations: readonly Operation[]): Promise<void> {
    // browser-level exposes its IDBDatabase as `db` (kept for compatibility), not in its types.
    const { db } = this as unknown as { db: IDBDatabase };
    const transaction = db.transaction([this.location], 'readwrite');
    const store = transaction.objectStore(this.location);
    const done = new Promise<void>((resolve, reject) => {
      transaction.oncomplete = () => resolve();
      transaction.onabort = () => reject(transaction.error ?? new Error('IndexedDB transaction aborted'));
    });
    try {
      for (const op of operations) {
        if (op.type === 'del') store.delete(op.key);
        else store.put(op.value, op.key);
      }
      transaction.commit();
    } catch (error) {
      transaction.abort();
      throw error;
    }
    await done;
  }
}

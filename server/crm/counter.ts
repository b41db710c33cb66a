import type { PouchDatabase } from '../store/store.js';

interface CounterDoc {
  _id: string;
  _rev?: string;
  last: number;
}

const MAX_ATTEMPTS = 50;

/**
 * The next value of a counter kept in a `_local` document (never replicated to workstations).
 * Two servers taking a value at once: one write wins, the other gets a conflict and takes the
 * next value; so every value is handed out once.
 */
export async function takeNext(pouch: PouchDatabase, id: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    let current: CounterDoc = { _id: id, last: 0 };
    try {
      current = (await pouch.get(id)) as unknown as CounterDoc;
    } catch (error) {
      if ((error as { status?: number }).status !== 404) throw error;
    }
    const next = { ...current, last: current.last + 1 };
    try {
      await pouch.put(next as never);
      return next.last;
    } catch (error) {
      if ((error as { status?: number }).status !== 409 || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}

import { compareKeys, type Operation, type Sub } from './view-rows.js';

/** The keys of one run, record by record as the run stores them, each record's keys sorted. */
export type RecordKeys = readonly (readonly string[])[];

/**
 * The keys each packed run holds, listed beside the runs (one record per run, written and deleted
 * with the run) and kept in memory once read: looking up a key no run holds reads no record of any
 * run, and a key a run holds names the one record to read. Without them, a restarted workstation
 * looked each changed document up in every run, each read parsing a record of (then) 256 entries.
 */
export class RunKeys {
  /** A run's keys never change (a merge writes a new run), so they are read once per run. */
  private readonly cache = new Map<number, Promise<RecordKeys>>();

  constructor(private readonly db: Sub, private readonly run: (n: number) => Sub) {}

  put(ops: Operation[], n: number, keys: RecordKeys): void {
    ops.push({ type: 'put', sublevel: this.db, key: String(n), value: keys });
  }

  remove(ops: Operation[], n: number): void {
    ops.push({ type: 'del', sublevel: this.db, key: String(n) });
    this.cache.delete(n);
  }

  /** The keys of run `n`. */
  of(n: number): Promise<RecordKeys> {
    let keys = this.cache.get(n);
    if (!keys) {
      keys = this.read(n);
      this.cache.set(n, keys);
      // A failed read is tried again next time.
      keys.catch(() => this.cache.delete(n));
    }
    return keys;
  }

  private async read(n: number): Promise<RecordKeys> {
    const listed = (await this.db.get(String(n))) as RecordKeys | undefined;
    if (listed) return listed;
    // A run written before runs listed their keys (the packed entries of c06fa50): read from its records.
    const keys: string[][] = [];
    for await (const chunk of this.run(n).values()) keys.push((chunk as [string, unknown][]).map(([key]) => key));
    return keys;
  }
}

/** The first key of the record of a run that holds `key` (the record's key), or undefined if the run does not hold it. */
export function recordHolding(keys: RecordKeys, key: string): string | undefined {
  const record = keys[lastAtOrBefore(keys.length, (i) => keys[i]![0]!, key)];
  return record && record[lastAtOrBefore(record.length, (i) => record[i]!, key)] === key ? record[0] : undefined;
}

/** The index of the last of `length` sorted keys at or before `key`; -1 if none is. */
function lastAtOrBefore(length: number, keyAt: (i: number) => string, key: string): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareKeys(keyAt(mid), key) <= 0) low = mid + 1;
    else high = mid;
  }
  return low - 1;
}

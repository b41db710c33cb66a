import type { AbstractLevel, AbstractSublevel } from 'abstract-level';
import { recordHolding, type RunKeys } from './run-keys.js';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- abstract-level's own signatures use any for sublevel parents
type Level = AbstractLevel<any, string, any>;
export type Sub = AbstractSublevel<Level, string | Buffer | Uint8Array, string, unknown>;
export type Operation = { type: 'put'; sublevel: Sub; key: string; value: unknown } | { type: 'del'; sublevel: Sub; key: string };

/** A row as stored, under its key `toIndexableString([key, id])`. */
export type StoredRow = readonly [key: unknown, id: string, value: unknown];

/**
 * A sorted run of rows packed many to a record: its number, how many rows it holds, and its level
 * (tiersToMerge): a batch's run is level 0 (absent), a merge of runs of level L is level L + 1.
 */
export interface Run {
  readonly n: number;
  readonly rows: number;
  readonly level?: number;
}

/**
 * How rows are packed: a batch of at least `minRows` new rows of a view goes in as one run,
 * `chunkRows` to a record; the document entries of as many new documents, `chunkEntries` to a record.
 */
export interface Packing {
  readonly minRows: number;
  readonly chunkRows: number;
  readonly chunkEntries: number;
}

/**
 * Where each record costs much (IndexedDB: about 0.1 ms each, whatever its size), so that a new
 * replica's 20,000 customers in six views are not 120,000 writes. A document's entries are larger
 * than a row (0.7 KB for a customer in crm's views) and a changed document reads the record that
 * holds its entry: 32 to a record (22 KB) still cut a new replica's entry records 32-fold.
 */
export const PACKED: Packing = { minRows: 64, chunkRows: 256, chunkEntries: 32 };

/** Where a PackedRows keeps its single rows, its tombstones and each of its runs, and for getMany the keys each run holds. */
export interface PackedLayout {
  readonly single: Sub;
  readonly gone: Sub;
  readonly run: (n: number) => Sub;
  readonly keys?: RunKeys;
}

/** A view's layout under its own sublevel: `rows`, `gone`, `run-<n>`. */
export function viewLayout(root: Sub, subOptions: object): PackedLayout {
  return { single: root.sublevel('rows', subOptions) as Sub, gone: root.sublevel('gone', subOptions) as Sub, run: (n) => root.sublevel(`run-${n}`, subOptions) as Sub };
}

/**
 * Rows of a sorted key space as stored, read back merged in key order (a view's rows; the
 * document entries of a view store, keyed by document id):
 * - single rows, one record each (`rows`): what a few changed documents write;
 * - sorted runs of rows packed `chunkRows` to a record (`run-<n>`, keyed by each record's first
 *   row): what a batch of many new rows writes where packing is asked for;
 * - tombstones (`gone`): a row taken out of a run is hidden by one naming the runs it hides (those
 *   numbered below it), so a run is never rewritten for a change; the same row written again later
 *   (single, or in a newer run) shows;
 * - for rows looked up by key (getMany: the document entries), the keys each run holds (RunKeys),
 *   so that a key no run holds costs no read of a run.
 * Runs are merged in tiers as they come (tiersToMerge), and into one once a new replica is filled
 * (merge): a row is rewritten once per tier. Without runs, rows read and write exactly as single records.
 */
export class PackedRows<V = StoredRow> {
  private readonly single: Sub;
  private readonly gone: Sub;
  private readonly run: (n: number) => Sub;
  private readonly keys: RunKeys | undefined;

  constructor(layout: PackedLayout) {
    ({ single: this.single, gone: this.gone, run: this.run, keys: this.keys } = layout);
  }

  /** The stores to clear when the view is rebuilt. */
  stores(runs: readonly Run[]): Sub[] {
    return [this.single, this.gone, ...runs.map((run) => this.run(run.n))];
  }

  putSingle(ops: Operation[], key: string, row: V): void {
    ops.push({ type: 'put', sublevel: this.single, key, value: row });
  }

  /**
   * Takes a row out: a single one is deleted; one in a run is hidden from the runs before `nextRun`
   * (it has no single record to delete: a row written again later is entered anew).
   */
  remove(ops: Operation[], key: string, inRun: boolean, nextRun: number): void {
    if (inRun) ops.push({ type: 'put', sublevel: this.gone, key, value: nextRun });
    else ops.push({ type: 'del', sublevel: this.single, key });
  }

  /** Writes sorted rows as run `n` (and the keys it holds, where they are listed). */
  putRun(ops: Operation[], n: number, rows: readonly (readonly [string, V])[], chunkRows: number): void {
    const sub = this.run(n);
    const keys: string[][] = [];
    for (let i = 0; i < rows.length; i += chunkRows) {
      const chunk = rows.slice(i, i + chunkRows);
      ops.push({ type: 'put', sublevel: sub, key: chunk[0]![0], value: chunk });
      keys.push(chunk.map(([key]) => key));
    }
    this.keys?.put(ops, n, keys);
  }

  /**
   * Merges these runs (every run, or the newest few: tiersToMerge) into one numbered `nextRun`,
   * leaving out what tombstones hide: one view's rows at a time in memory, each record read and
   * written once. The tombstones go only when every run is merged: they still hide rows of the
   * older runs a partial merge leaves.
   */
  async merge(runs: readonly Run[], all: boolean, nextRun: number, chunkRows: number): Promise<{ run: Run; ops: Operation[] }> {
    const ops: Operation[] = [];
    const hidden = new Map<string, number>();
    for await (const [key, below] of this.gone.iterator()) {
      hidden.set(key, below as number);
      if (all) ops.push({ type: 'del', sublevel: this.gone, key });
    }
    // Newest first, so that of rows with one key the first seen is the one that shows (if any).
    const rows: (readonly [string, V])[] = [];
    const seen = new Set<string>();
    for (const run of [...runs].sort((a, b) => b.n - a.n)) {
      const sub = this.run(run.n);
      this.keys?.remove(ops, run.n);
      for await (const [first, chunk] of sub.iterator()) {
        ops.push({ type: 'del', sublevel: sub, key: first });
        for (const [key, row] of chunk as [string, V][]) {
          if (seen.has(key)) continue;
          seen.add(key);
          if (run.n >= (hidden.get(key) ?? Number.NEGATIVE_INFINITY)) rows.push([key, row]);
        }
      }
    }
    rows.sort((a, b) => compareKeys(a[0], b[0]));
    this.putRun(ops, nextRun, rows, chunkRows);
    return { run: { n: nextRun, rows: rows.length, level: Math.max(...runs.map((run) => run.level ?? 0)) + 1 }, ops };
  }

  /**
   * The rows of these keys (undefined where there is none): a single row, else the newest run's
   * that no tombstone hides. Needs the runs' keys (layout.keys): a key no run holds costs no read
   * of a run, and each record holding keys asked for is read once.
   */
  async getMany(keys: readonly string[], runs: readonly Run[]): Promise<(V | undefined)[]> {
    const found = (await this.single.getMany([...keys])) as (V | undefined)[];
    const missing = runs.length === 0 ? [] : keys.flatMap((key, i) => (found[i] === undefined ? [i] : []));
    if (missing.length === 0) return found;
    if (!this.keys) throw new Error('rows looked up by key need the keys of their runs listed');
    const newestFirst = [...runs].sort((a, b) => b.n - a.n);
    const runKeys = await Promise.all(newestFirst.map((run) => this.keys!.of(run.n)));
    const held: { i: number; run: number; record: string }[] = [];
    for (const i of missing) {
      for (const [r, ofRun] of runKeys.entries()) {
        const record = recordHolding(ofRun, keys[i]!);
        if (record === undefined) continue;
        held.push({ i, run: newestFirst[r]!.n, record });
        break;
      }
    }
    if (held.length === 0) return found;
    // A tombstone hides the runs numbered below it: the newest run holding the key, and so all.
    const hidden = (await this.gone.getMany(held.map(({ i }) => keys[i]!))) as (number | undefined)[];
    const byRun = new Map<number, typeof held>();
    held.forEach((hold, j) => {
      if (hold.run < (hidden[j] ?? Number.NEGATIVE_INFINITY)) return;
      const ofRun = byRun.get(hold.run);
      if (ofRun) ofRun.push(hold);
      else byRun.set(hold.run, [hold]);
    });
    for (const [n, holds] of byRun) {
      const records = [...new Set(holds.map(({ record }) => record))];
      const chunks = (await this.run(n).getMany(records)) as [string, V][][];
      const rows = new Map(chunks.flat());
      for (const { i } of holds) found[i] = rows.get(keys[i]!);
    }
    return found;
  }

  /** Rows with keys after `gt` and before `lt`, in key order, at most `limit`. */
  async read(gt: string, lt: string, limit: number, runs: readonly Run[]): Promise<V[]> {
    const out: V[] = [];
    if (limit <= 0) return out;
    if (runs.length === 0) {
      for await (const value of this.single.values({ gt, lt, limit })) out.push(value as V);
      return out;
    }
    for await (const [, row] of this.merged(runs, gt, lt)) {
      out.push(row);
      if (out.length >= limit) break;
    }
    return out;
  }

  /**
   * The visible rows of these runs and the single rows between `gt` and `lt`, in key order. Of rows with one key, a single row wins over runs, a newer run over an older one; a
   * run's row shows unless a tombstone hides its run.
   */
  private async *merged(runs: readonly Run[], gt: string, lt: string): AsyncGenerator<readonly [string, V]> {
    const range = { gt, lt };
    const sources: Source[] = [
      { rank: Number.POSITIVE_INFINITY, rows: entries(this.single.iterator(range) as AsyncIterable<[string, unknown]>) },
      ...runs.map((run) => ({ rank: run.n, rows: this.runRows(run.n, gt, lt) })),
    ];
    const gone = entries(this.gone.iterator(range) as AsyncIterable<[string, unknown]>);
    try {
      yield* mergeSources<V>(sources, gone);
    } finally {
      // Closes the store's iterators when the reader stops early (a page is full).
      await Promise.all([...sources.map((source) => source.rows.return?.()), gone.return?.()]);
    }
  }

  /** A run's rows between `gt` and `lt`: from the record holding `gt` (the last to begin at or before it) on. */
  private async *runRows(n: number, gt: string, lt: string): AsyncGenerator<readonly [string, unknown]> {
    const sub = this.run(n);
    let from: string | undefined;
    for await (const key of sub.keys({ lte: gt, reverse: true, limit: 1 })) from = key;
    for await (const chunk of sub.values({ ...(from === undefined ? {} : { gte: from }), lt })) {
      for (const row of chunk as [string, unknown][]) {
        if (compareKeys(row[0], gt) <= 0) continue;
        if (compareKeys(row[0], lt) >= 0) return;
        yield row;
      }
    }
  }
}

/**
 * Runs of one level merged at once. Merging every run whenever there were 24 rewrote a view's rows
 * 2–3 times over during a new replica of 100,000 documents (a run per batch of 1,000); merged in
 * tiers — a counter in base 16 — each row is rewritten once per level (twice for 500 batches), and a
 * view keeps at most 15 runs a level.
 */
export const FAN_IN = 16;

/** The newest FAN_IN runs if they are all of one level (then they merge into one of the next), else none. */
export function tiersToMerge(runs: readonly Run[]): Run[] {
  const tail = runs.slice(-FAN_IN);
  const level = tail[0]?.level ?? 0;
  return tail.length === FAN_IN && tail.every((run) => (run.level ?? 0) === level) ? tail : [];
}

type Source = { readonly rank: number; readonly rows: AsyncIterator<readonly [string, unknown]> };

/** The merge of PackedRows.merged: sources each in key order (single rows rank highest), tombstones beside them. */
async function* mergeSources<V>(sources: readonly Source[], gone: AsyncIterator<readonly [string, unknown]>): AsyncGenerator<readonly [string, V]> {
  const heads = await Promise.all(sources.map((source) => source.rows.next()));
  let tomb = await gone.next();
  for (;;) {
    let least: string | null = null;
    for (const head of heads) if (!head.done && (least === null || compareKeys(head.value[0], least) < 0)) least = head.value[0];
    if (least === null) return;
    while (!tomb.done && compareKeys(tomb.value[0], least) < 0) tomb = await gone.next();
    const hiddenBelow = !tomb.done && tomb.value[0] === least ? (tomb.value[1] as number) : Number.NEGATIVE_INFINITY;
    let best: { rank: number; row: V } | null = null;
    for (let i = 0; i < heads.length; i++) {
      const head = heads[i]!;
      if (head.done || head.value[0] !== least) continue;
      const rank = sources[i]!.rank;
      if (rank >= hiddenBelow && (!best || rank > best.rank)) best = { rank, row: head.value[1] as V };
      heads[i] = await sources[i]!.rows.next();
    }
    if (best) yield [least, best.row];
  }
}

/** An iterator's entries as an async iterator that can be pulled one at a time. */
function entries(iterable: AsyncIterable<[string, unknown]>): AsyncIterator<readonly [string, unknown]> {
  return iterable[Symbol.asyncIterator]();
}

/**
 * Orders keys as the store does, by their UTF-8 bytes (code points): UTF-16's order differs only
 * where a character beyond U+FFFF (a surrogate pair) meets one from U+E000 to U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x === y) continue;
    const xHigh = x >= 0xd800 && x <= 0xdfff;
    const yHigh = y >= 0xd800 && y <= 0xdfff;
    if (xHigh !== yHigh) return xHigh ? 1 : -1;
    return x - y;
  }
  return a.length - b.length;
}

import type { ServerDocs } from '../store/server-docs.js';

/** Values are written with this many digits in the claims' ids, so that ids sort as numbers. */
const ID_DIGITS = 12;

/** Read again after this many lost claims in a row, to jump past what other servers took meanwhile. */
const REREAD_AFTER = 3;

function claimId(counter: string, value: number): string {
  return `${counter}-${String(value).padStart(ID_DIGITS, '0')}`;
}

/**
 * The next value of a counter, handed out once however many requests and servers take values at
 * once. Each value is claimed by creating its own document in the servers' database
 * (`<counter>-000000000012`): a creation succeeds once, on every engine and on a CouchDB cluster
 * (where a creation that did not reach the write quorum is counted as lost). Not a counter
 * document updated in place: that is only as safe as its revision check, which Apache CouchDB
 * does not make on `_local` documents and a cluster can let through twice. A lost claim leaves a
 * gap at worst, never a duplicate. `floor` is the last value handed out before claims existed.
 */
export async function takeNext(docs: ServerDocs, counter: string, floor: () => Promise<number> = async () => 0): Promise<number> {
  for (;;) {
    let candidate = await lastTaken(docs, counter, floor) + 1;
    for (let lost = 0; lost < REREAD_AFTER; lost++, candidate++) {
      if (await docs.create(claimId(counter, candidate), { counter, value: candidate, takenAt: new Date().toISOString() })) return candidate;
    }
  }
}

async function lastTaken(docs: ServerDocs, counter: string, floor: () => Promise<number>): Promise<number> {
  const last = await docs.lastIdBetween(claimId(counter, 0), claimId(counter, 10 ** ID_DIGITS - 1));
  return last === undefined ? floor() : Number(last.slice(counter.length + 1));
}

/** Makes sure the counter hands out nothing up to `value` again (after a restore, or numbers from elsewhere). */
export async function claimUpTo(docs: ServerDocs, counter: string, value: number): Promise<void> {
  const last = await docs.lastIdBetween(claimId(counter, 0), claimId(counter, 10 ** ID_DIGITS - 1));
  if (last !== undefined && Number(last.slice(counter.length + 1)) >= value) return;
  await docs.create(claimId(counter, value), { counter, value, takenAt: new Date().toISOString(), restored: true });
}

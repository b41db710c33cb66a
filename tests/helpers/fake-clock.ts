/** A clock that moves only when told to, for sessions and lockouts. */
export interface FakeClock {
  readonly now: () => number;
  advance(ms: number): void;
}

export function fakeClock(start = '2026-03-01T09:00:00.000Z'): FakeClock {
  let time = Date.parse(start);
  return {
    now: () => time,
    advance: (ms) => {
      time += ms;
    },
  };
}

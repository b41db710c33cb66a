import { Lunar } from 'lunar-typescript';

/** The Chinese holidays by their lunar month and day, converted for each year by lunar-typescript. */
const LUNAR: Readonly<Record<string, readonly [month: number, day: number]>> = {
  springFestival: [1, 1],
  lanternFestival: [1, 15],
  dragonBoat: [5, 5],
  midAutumn: [8, 15],
};

const FIXED: Readonly<Record<string, string>> = { newYear: '01-01', christmas: '12-25' };

/** The Gregorian date (`YYYY-MM-DD`) of a holiday greeting's occasion in `year`; `day` is a custom one's `MM-DD`. */
export function holidayDate(occasion: string, year: number, day?: string): string | undefined {
  const lunar = LUNAR[occasion];
  if (lunar) return Lunar.fromYmd(year, lunar[0], lunar[1]).getSolar().toYmd();
  const fixed = FIXED[occasion] ?? (occasion === 'custom' ? day : undefined);
  return fixed ? `${year}-${fixed}` : undefined;
}

import type { Choice } from '../form.js';
import { choiceByName } from './choice-by-name.js';

/**
 * The regions customers are grouped by (地区): China's seven and the world's, named in both
 * languages. Stored by the Chinese name, as an administrator's added choices are, so that views
 * keep sorting regions by pinyin. Open: a region an office names otherwise (长三角, DACH) stays as written.
 */
export const REGIONS: readonly Choice[] = ([
  ['华北', 'North China'], ['东北', 'Northeast China'], ['华东', 'East China'], ['华中', 'Central China'], ['华南', 'South China'],
  ['西南', 'Southwest China'], ['西北', 'Northwest China'], ['港澳台', 'Hong Kong, Macao and Taiwan'],
  ['东亚', 'East Asia'], ['东南亚', 'Southeast Asia'], ['南亚', 'South Asia'], ['中亚', 'Central Asia'], ['中东', 'Middle East'],
  ['欧洲', 'Europe'], ['非洲', 'Africa'], ['北美', 'North America'], ['拉美', 'Latin America'], ['大洋洲', 'Oceania'],
] as const).map(([zh, en]) => ({ value: zh, label: { zh, en } }));

// Other names people write for the same regions.
const ALIASES: Readonly<Record<string, string>> = {
  北美洲: '北美', 南美: '拉美', 南美洲: '拉美', 拉丁美洲: '拉美', 'south america': '拉美',
  东南亚地区: '东南亚', 中东地区: '中东', 欧盟: '欧洲', eu: '欧洲', 西欧: '欧洲', 东欧: '欧洲', 澳洲: '大洋洲', 'australia and new zealand': '大洋洲',
};

/** A region as people type it (欧洲, Europe, 欧盟, 南美) as the list's name for it (欧洲); undefined for any other. */
export function regionCode(text: string): string | undefined {
  return choiceByName(REGIONS, text)?.value ?? ALIASES[text.trim().normalize('NFKC').toLowerCase()];
}

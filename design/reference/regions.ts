import type { Choice } from '../form.js';
import { choices } from '../forms/choices.js';
import { choiceByName } from './choice-by-name.js';

/**
 * The regions customers are grouped by (地区): China's seven and the world's, named in both
 * languages. Open: a region an office names otherwise (长三角, DACH) stays as written.
 */
export const REGIONS: readonly Choice[] = choices({
  northChina: ['华北', 'North China'], northeastChina: ['东北', 'Northeast China'], eastChina: ['华东', 'East China'],
  centralChina: ['华中', 'Central China'], southChina: ['华南', 'South China'], southwestChina: ['西南', 'Southwest China'],
  northwestChina: ['西北', 'Northwest China'], hkMacaoTaiwan: ['港澳台', 'Hong Kong, Macao and Taiwan'],
  eastAsia: ['东亚', 'East Asia'], southeastAsia: ['东南亚', 'Southeast Asia'], southAsia: ['南亚', 'South Asia'],
  centralAsia: ['中亚', 'Central Asia'], middleEast: ['中东', 'Middle East'], europe: ['欧洲', 'Europe'],
  africa: ['非洲', 'Africa'], northAmerica: ['北美', 'North America'], latinAmerica: ['拉美', 'Latin America'],
  oceania: ['大洋洲', 'Oceania'],
});

// Other names people write for the same regions.
const ALIASES: Readonly<Record<string, string>> = {
  北美洲: 'northAmerica', 南美: 'latinAmerica', 南美洲: 'latinAmerica', 拉丁美洲: 'latinAmerica', 'south america': 'latinAmerica',
  东南亚地区: 'southeastAsia', 中东地区: 'middleEast', 欧盟: 'europe', eu: 'europe', 西欧: 'europe', 东欧: 'europe', 澳洲: 'oceania', 'australia and new zealand': 'oceania',
};

/** A region as people type it (欧洲, Europe, 欧盟, 南美) as its code; undefined for any other. */
export function regionCode(text: string): string | undefined {
  return choiceByName(REGIONS, text)?.value ?? ALIASES[text.trim().normalize('NFKC').toLowerCase()];
}

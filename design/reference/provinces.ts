import type { Choice } from '../form.js';
import { choices } from '../forms/choices.js';

/** China's provincial divisions by their ISO 3166-2:CN codes, named in both languages. */
export const CHINA_PROVINCES: readonly Choice[] = choices({
  'CN-BJ': ['北京', 'Beijing'], 'CN-TJ': ['天津', 'Tianjin'], 'CN-HE': ['河北', 'Hebei'], 'CN-SX': ['山西', 'Shanxi'],
  'CN-NM': ['内蒙古', 'Inner Mongolia'], 'CN-LN': ['辽宁', 'Liaoning'], 'CN-JL': ['吉林', 'Jilin'], 'CN-HL': ['黑龙江', 'Heilongjiang'],
  'CN-SH': ['上海', 'Shanghai'], 'CN-JS': ['江苏', 'Jiangsu'], 'CN-ZJ': ['浙江', 'Zhejiang'], 'CN-AH': ['安徽', 'Anhui'],
  'CN-FJ': ['福建', 'Fujian'], 'CN-JX': ['江西', 'Jiangxi'], 'CN-SD': ['山东', 'Shandong'], 'CN-HA': ['河南', 'Henan'],
  'CN-HB': ['湖北', 'Hubei'], 'CN-HN': ['湖南', 'Hunan'], 'CN-GD': ['广东', 'Guangdong'], 'CN-GX': ['广西', 'Guangxi'],
  'CN-HI': ['海南', 'Hainan'], 'CN-CQ': ['重庆', 'Chongqing'], 'CN-SC': ['四川', 'Sichuan'], 'CN-GZ': ['贵州', 'Guizhou'],
  'CN-YN': ['云南', 'Yunnan'], 'CN-XZ': ['西藏', 'Tibet'], 'CN-SN': ['陕西', 'Shaanxi'], 'CN-GS': ['甘肃', 'Gansu'],
  'CN-QH': ['青海', 'Qinghai'], 'CN-NX': ['宁夏', 'Ningxia'], 'CN-XJ': ['新疆', 'Xinjiang'], 'CN-TW': ['台湾', 'Taiwan'],
  'CN-HK': ['香港', 'Hong Kong'], 'CN-MO': ['澳门', 'Macao'],
});

// Official long forms end in these; people write the short name, the long one, or the English one.
const ZH_SUFFIX = /(?:省|市|壮族自治区|回族自治区|维吾尔自治区|自治区|特别行政区)$/;
const EN_SUFFIX = /\s+(?:province|municipality|city|shi|sheng|(?:zhuang |hui |uygur |uyghur )?autonomous region|sar|special administrative region)$/;
const ALIASES: Readonly<Record<string, string>> = { 'nei mongol': 'CN-NM', xizang: 'CN-XZ', macau: 'CN-MO', 澳門: 'CN-MO', 臺灣: 'CN-TW', 台灣: 'CN-TW' };

const byName = new Map<string, string>(CHINA_PROVINCES.flatMap((p) => [[p.label.zh, p.value], [p.label.en.toLowerCase(), p.value], [p.value.toLowerCase(), p.value]]));

/** A province as people type it (浙江省, 浙江, Zhejiang Province, CN-ZJ) as its code; undefined for any other (a state abroad). */
export function provinceCode(province: string): string | undefined {
  const text = province.trim().normalize('NFKC');
  const lower = text.toLowerCase();
  return byName.get(text) ?? byName.get(text.replace(ZH_SUFFIX, '')) ?? byName.get(lower) ?? byName.get(lower.replace(EN_SUFFIX, '')) ?? ALIASES[lower];
}

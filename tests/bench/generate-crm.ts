import type { Doc } from '../../design/form.js';
import { mulberry32 } from '../helpers/random.js';

/** A deterministic generator of realistic customer records (about 1 KB each, Chinese and English). */
export function generateCustomers(count: number, seed = 20261123): Doc[] {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const docs: Doc[] = [];
  for (let i = 0; i < count; i++) {
    const chinese = random() < 0.6;
    const place = pick(chinese ? CN_PLACES : FOREIGN_PLACES);
    const name = chinese
      ? `${place.city}${pick(CN_BRANDS)}${pick(CN_BRANDS)}${pick(CN_TRADES)}${pick(['有限公司', '股份有限公司', '集团有限公司', '进出口有限公司'])}`
      : `${pick(EN_BRANDS)} ${pick(EN_BRANDS)} ${pick(EN_TRADES)} ${pick(['Ltd', 'GmbH', 'Inc.', 'S.A.', 'LLC', 'B.V.'])}`;
    const street = chinese
      ? `${place.city}市${pick(CN_STREETS)}${1 + Math.floor(random() * 999)}号${pick(['A座', 'B座', '', '大厦'])}${1 + Math.floor(random() * 30)}楼`
      : `${1 + Math.floor(random() * 999)} ${pick(EN_STREETS)}, ${place.city}`;
    docs.push({
      _id: `cust${String(i).padStart(7, '0')}`,
      form: 'Customer',
      code: `KH${String(100000 + i)}`,
      name,
      nameEn: chinese ? `${pick(EN_BRANDS)} ${pick(EN_TRADES)} Co., Ltd.` : undefined,
      category: pick(['existing', 'potential', 'potential', 'partner', 'agent']),
      importance: pick(['A', 'B', 'B', 'C']),
      region: place.region,
      country: place.country,
      province: place.province,
      city: place.city,
      industry: pick(INDUSTRIES),
      source: pick(['阿里巴巴', '中国制造网', '广交会', 'Website', 'Referral', 'Canton Fair']),
      owner: [pick(OWNERS)],
      // Open to everyone with access to crm (an owned customer is its owner's and the managers' by
      // default): these records exercise views, printing and benchmarks, not access.
      readers: [],
      address: street,
      postcode: String(100000 + Math.floor(random() * 899999)),
      phone: `+${chinese ? '86' : '49'} ${Math.floor(10 + random() * 89)} ${Math.floor(1e7 + random() * 8e7)}`,
      email: `sales${i}@${chinese ? 'example.cn' : 'example.com'}`,
      tags: random() < 0.5 ? [pick(['VIP', '老客户', '样品', 'OEM'])] : [],
      annualVolume: Math.round(random() * 5e6) / 100,
      firstContact: `20${10 + Math.floor(random() * 16)}-0${1 + Math.floor(random() * 9)}-1${Math.floor(random() * 9)}`,
      fax: `+${chinese ? '86' : '49'} ${Math.floor(10 + random() * 89)} ${Math.floor(1e7 + random() * 8e7)}`,
      website: `https://www.${chinese ? `company${i}.cn` : `company${i}.com`}`,
      notes: `${pick(NOTES)} ${pick(NOTES)} ${pick(NOTES)}`,
    });
  }
  return docs.map((doc) => JSON.parse(JSON.stringify(doc)) as Doc);
}

const CN_PLACES = [
  ['华东', '中国', '上海', '上海'], ['华东', '中国', '浙江', '杭州'], ['华东', '中国', '浙江', '宁波'], ['华东', '中国', '江苏', '苏州'],
  ['华南', '中国', '广东', '广州'], ['华南', '中国', '广东', '深圳'], ['华南', '中国', '福建', '厦门'], ['华北', '中国', '北京', '北京'],
  ['华北', '中国', '天津', '天津'], ['西南', '中国', '重庆', '重庆'], ['西南', '中国', '四川', '成都'], ['西北', '中国', '陕西', '西安'],
  ['东北', '中国', '辽宁', '大连'], ['华中', '中国', '湖北', '武汉'], ['港澳台', '中国香港', '香港', '香港'], ['港澳台', '中国台湾', '台湾', '台北'],
].map(([region, country, province, city]) => ({ region: region!, country: country!, province: province!, city: city! }));
const FOREIGN_PLACES = [
  ['欧洲', 'Germany', 'Hamburg'], ['欧洲', 'Germany', 'München'], ['欧洲', 'France', 'Paris'], ['欧洲', 'Italy', 'Milano'],
  ['欧洲', 'Spain', 'Valencia'], ['北美', 'USA', 'Los Angeles'], ['北美', 'USA', 'New York'], ['北美', 'Canada', 'Toronto'],
  ['中东', 'UAE', 'Dubai'], ['东南亚', 'Vietnam', 'Ho Chi Minh City'], ['东南亚', 'Thailand', 'Bangkok'], ['南美', 'Brazil', 'São Paulo'],
  ['非洲', 'Nigeria', 'Lagos'], ['大洋洲', 'Australia', 'Sydney'], ['东亚', 'Japan', '大阪'], ['东亚', 'Korea', '부산'],
].map(([region, country, city]) => ({ region: region!, country: country!, province: '', city: city! }));
const CN_BRANDS = ['宏达', '金盛', '华美', '长城', '东方', '恒通', '银河', '瑞丰', '新世纪', '海天', '重庆', '永兴', '鑫源', '盛世', '汇丰', '天行', '乐华', '和平'];
const CN_TRADES = ['贸易', '电子', '机械', '纺织', '五金', '化工', '家具', '照明', '塑料制品', '服饰', '钢铁', '医疗器械'];
const CN_STREETS = ['人民路', '中山路', '解放大道', '长安街', '南京东路', '科技园路', '滨江大道', '建设路'];
const EN_BRANDS = ['Global', 'Pacific', 'Northern', 'Atlas', 'Summit', 'Blue', 'Royal', 'Prime', 'Delta', 'Union', 'Golden', 'Eagle', 'Nova', 'Orion'];
const EN_TRADES = ['Trading', 'Imports', 'Supplies', 'Industries', 'Electronics', 'Textiles', 'Hardware', 'Distribution', 'Retail', 'Tools'];
const EN_STREETS = ['Main Street', 'Harbour Road', 'Industriestraße', 'Rue de la Paix', 'Via Roma', 'King Street', 'Market Square'];
const INDUSTRIES = ['电子电器', '机械设备', '纺织服装', '五金工具', '化工', '家居用品', 'Retail', 'Wholesale', 'Automotive', '医疗'];
const OWNERS = ['李雷', '韩梅梅', '王芳', '张伟', '曾晓明', 'Lucy Wang', 'Tom Chen', '单丽', '赵敏', '陈静'];
const NOTES = [
  '客户主要采购LED灯具，每年两次大单，付款方式为30%预付，70%见提单副本。',
  'Interested in OEM production, asked for samples and price list in EUR. Follow up after the trade fair.',
  '在广交会上认识，对我们的新款产品很感兴趣，需要报价单和产品目录。',
  'Payment by L/C at sight. Prefers shipping via Hamburg. Quality inspection by SGS before shipment.',
  '老客户，合作多年，注意春节前后备货，交货期一般为45天。',
  'Price sensitive. Competitor offered 5% lower last quarter; keep in touch monthly and send new catalogue.',
];

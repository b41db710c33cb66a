import type { LabelAddress } from '../../server/print/addressee.js';

const CHINESE: readonly LabelAddress[] = [
  { postcode: '200001', address: '上海市黄浦区南京东路100号8楼', customerName: '上海宏达贸易有限公司', department: '采购部', contactName: '张伟' },
  { postcode: '315000', address: '浙江省宁波市鄞州区天童南路588号', customerName: '宁波海顺进出口有限公司', department: '外贸部', contactName: '欧阳明' },
  { postcode: '518000', address: '深圳市南山区科技园路1号A座', customerName: '深圳华美电子股份有限公司', department: '', contactName: '曾晓明' },
  { postcode: '100022', address: '北京市朝阳区建国路88号', customerName: '北京长城机械集团', department: '国际业务部', contactName: '单丽' },
];
const LATIN: readonly LabelAddress[] = [
  { postcode: '20095', address: 'Mönckebergstraße 7, Hamburg', customerName: 'Atlas Hardware GmbH', department: 'Einkauf', contactName: 'Jürgen Weiß' },
  { postcode: '10001', address: '350 Fifth Avenue, New York, NY', customerName: 'Pacific Imports Inc.', department: 'Purchasing', contactName: 'Mary O’Brien' },
  { postcode: '75002', address: '12 Rue de la Paix, Paris', customerName: 'Société Générale Textiles S.A.', department: '', contactName: 'Élodie Durand' },
];
const MIXED: readonly LabelAddress[] = [
  { postcode: '999077', address: '香港九龙尖沙咀广东道30号 Harbour City', customerName: 'Global Trading (HK) Ltd. 环球贸易', department: 'Sales 销售部', contactName: 'Tom Chen 陈涛' },
];

/** Chinese, Latin and mixed addresses that fit a label without being cut short, numbered so that each is unique. */
export function sampleAddresses(count: number): LabelAddress[] {
  const all = [...CHINESE, ...LATIN, ...MIXED];
  return Array.from({ length: count }, (_, i) => {
    const base = all[i % all.length]!;
    return { ...base, customerName: `${base.customerName} ${i + 1}` };
  });
}

/** A label's text without spaces, in the order it is printed. */
export function labelText(address: LabelAddress): string {
  return compact([address.postcode, address.address, address.customerName, address.department, address.contactName].join(''));
}

export function compact(text: string): string {
  return text.replace(/\s+/g, '');
}

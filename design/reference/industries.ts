import type { Choice } from '../form.js';
import { choices } from '../forms/choices.js';

/** The industries customers are told apart by; an administrator adds more in the CRM settings (`industries`). */
export const INDUSTRIES: readonly Choice[] = choices({
  waterTreatment: ['水处理', 'Water treatment'],
  petrochemical: ['石油化工', 'Petrochemicals'],
  chemical: ['化工', 'Chemicals'],
  plumbing: ['建筑给排水', 'Building water supply and drainage'],
  hvac: ['暖通空调', 'HVAC'],
  irrigation: ['农业灌溉', 'Agricultural irrigation'],
  construction: ['建筑工程', 'Construction'],
  municipal: ['市政工程', 'Municipal works'],
  energy: ['电力能源', 'Power and energy'],
  mining: ['矿业', 'Mining'],
  machinery: ['机械设备', 'Machinery'],
  shipbuilding: ['船舶', 'Shipbuilding'],
  food: ['食品饮料', 'Food and beverage'],
  pharma: ['医药', 'Pharmaceuticals'],
  automotive: ['汽车', 'Automotive'],
  electronics: ['电子电气', 'Electronics and electrical'],
  textiles: ['纺织服装', 'Textiles and apparel'],
  hardware: ['五金', 'Hardware'],
  distribution: ['分销商', 'Distribution'],
  trading: ['贸易', 'Trading'],
  other: ['其他', 'Other'],
});

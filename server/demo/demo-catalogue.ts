/** What the demo company — a Ningbo exporter of pumps, valves and fittings — sells, and to whom. */

export const SALESPEOPLE = [
  { name: '王芳', department: '外贸一部', title: '业务经理', email: 'wang.fang@demo.guanxi' },
  { name: '李雷', department: '外贸一部', title: '业务员', email: 'li.lei@demo.guanxi' },
  { name: '赵敏', department: '外贸二部', title: '业务员', email: 'zhao.min@demo.guanxi' },
  { name: '陈刚', department: '外贸二部', title: '业务员', email: 'chen.gang@demo.guanxi' },
  { name: 'Sarah Miller', department: 'Export Dept. 2', title: 'Sales', email: 'sarah.miller@demo.guanxi' },
] as const;

export const MANAGER = { name: '周经理', department: '总经办', title: '销售总监', email: 'zhou@demo.guanxi' } as const;

export const PRODUCTS = [
  ['不锈钢球阀 DN50', 38.5], ['铸铁闸阀 DN100', 92], ['离心泵 CP-65', 415], ['潜水泵 QDX-1.5', 128], ['黄铜管件 1/2"', 1.2],
  ['法兰 PN16 DN80', 14.8], ['止回阀 DN65', 55], ['Pressure gauge 0-16 bar', 6.4], ['PPR pipe fittings set', 3.9], ['Butterfly valve DN150', 76],
] as const;

/** [region, country (ISO code), city, language of names, currency, e-mail domain ending] */
export const MARKETS = [
  ['欧洲', 'DE', 'Hamburg', 'de', 'EUR', 'de'], ['欧洲', 'DE', 'Stuttgart', 'de', 'EUR', 'de'], ['欧洲', 'IT', 'Milano', 'it', 'EUR', 'it'],
  ['欧洲', 'ES', 'Valencia', 'es', 'EUR', 'es'], ['欧洲', 'GB', 'Manchester', 'en', 'GBP', 'co.uk'], ['北美', 'US', 'Houston', 'en', 'USD', 'com'],
  ['北美', 'US', 'Chicago', 'en', 'USD', 'com'], ['北美', 'CA', 'Toronto', 'en', 'USD', 'ca'], ['中东', 'AE', 'Dubai', 'en', 'USD', 'ae'],
  ['东南亚', 'VN', 'Ho Chi Minh City', 'en', 'USD', 'vn'], ['拉美', 'BR', 'São Paulo', 'es', 'USD', 'com.br'], ['大洋洲', 'AU', 'Melbourne', 'en', 'USD', 'com.au'],
  ['华东', 'CN', '上海', 'zh', 'CNY', 'cn'], ['华东', 'CN', '杭州', 'zh', 'CNY', 'cn'], ['华南', 'CN', '广州', 'zh', 'CNY', 'cn'], ['华北', 'CN', '天津', 'zh', 'CNY', 'cn'],
] as const;

/** The province (ISO 3166-2:CN) of each Chinese city of the markets. */
export const CITY_PROVINCES: Readonly<Record<string, string>> = { 上海: 'CN-SH', 杭州: 'CN-ZJ', 广州: 'CN-GD', 天津: 'CN-TJ' };

export const COMPANY_WORDS: Record<string, readonly string[]> = {
  de: ['Nordwerk', 'Hansa', 'Rheinflow', 'Alpen', 'Elbe', 'Kessler', 'Brandt'],
  it: ['Idraulica', 'Valvole', 'Lombarda', 'Ferraro', 'Adriatica'],
  es: ['Hidro', 'Levante', 'Aguas', 'Ibérica', 'Sol'],
  en: ['Atlas', 'Pioneer', 'Summit', 'Bluewater', 'Keystone', 'Harbor', 'Crown'],
  zh: ['宏达', '恒通', '瑞丰', '海天', '鑫源', '永兴', '汇川'],
};

export const COMPANY_ENDINGS: Record<string, readonly string[]> = {
  de: ['GmbH', 'Handels GmbH', 'AG'], it: ['S.r.l.', 'S.p.A.'], es: ['S.L.', 'S.A.'], en: ['Ltd', 'Inc.', 'LLC', 'Trading Co.'],
  zh: ['机电设备有限公司', '水务工程有限公司', '阀门有限公司', '贸易有限公司'],
};

export const TRADES = ['Pumps', 'Valves', 'Water Systems', 'Industrial Supply', 'Plumbing', 'Flow Control'] as const;
export const INDUSTRIES = ['waterTreatment', 'petrochemical', 'plumbing', 'irrigation', 'hvac', 'distribution'] as const;
export const SOURCES = ['b2b', 'fair', 'website', 'referral', 'mailing'] as const;
/** `展会意向` is the category the demo's CRM settings add. */
export const CATEGORIES = ['existing', 'existing', 'potential', 'potential', 'agent', 'partner', '展会意向'] as const;
export const COMPETITORS = ['浙江超达阀门', '温州精工泵业', 'KSB', 'Grundfos 代理', '台州三和'] as const;

export const FIRST_NAMES: Record<string, readonly string[]> = {
  de: ['Hans', 'Julia', 'Markus', 'Katrin', 'Stefan'], it: ['Marco', 'Giulia', 'Luca'], es: ['Carlos', 'Lucía', 'Javier'],
  en: ['John', 'Emily', 'Ahmed', 'Priya', 'David', 'Linh'], zh: ['伟', '静', '磊', '娜', '强', '敏'],
};
export const LAST_NAMES: Record<string, readonly string[]> = {
  de: ['Müller', 'Schmidt', 'Weber', 'Becker'], it: ['Rossi', 'Bianchi', 'Romano'], es: ['García', 'Martínez', 'López'],
  en: ['Smith', 'Johnson', 'Khan', 'Patel', 'Nguyen', 'Brown'], zh: ['张', '刘', '陈', '杨', '黄', '周'],
};
export const DEPARTMENTS = [['采购部', 'Purchasing'], ['技术部', 'Engineering'], ['总经理', 'Management'], ['财务部', 'Finance']] as const;
export const TITLES = ['Purchasing Manager', 'Buyer', 'Technical Director', 'General Manager', 'Accountant'] as const;

export const ACTIVITY_SUBJECTS = [
  '询价回复', '寄样品跟进', '报价确认', '讨论付款方式', '展会后回访', '新品介绍', '验货安排', '投诉处理回访', '年度框架协议', 'Follow-up on quotation',
] as const;
export const ACTIVITY_RESULTS = ['客户要求降价 5%', '样品已收到，测试中', '下月下单', '需要 CE 证书', '暂无需求', 'Agreed on T/T 30/70'] as const;

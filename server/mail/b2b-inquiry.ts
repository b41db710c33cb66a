import type { MailAddress } from './parse-message.js';

/** A buyer's inquiry that a B2B platform forwarded: who asks, for what. */
export interface PlatformInquiry {
  readonly platform: string;
  readonly buyer: {
    readonly name?: string;
    readonly email?: string;
    readonly company?: string;
    readonly country?: string;
    readonly product?: string;
    readonly quantity?: string;
    /** The language to answer in, when the inquiry says (a website form's). */
    readonly language?: string;
  };
}

/** The platforms export companies get inquiries from, by the domains their notifications come from. */
const PLATFORMS: readonly { readonly name: string; readonly domains: readonly string[] }[] = [
  { name: 'Alibaba', domains: ['alibaba.com', 'alibaba-inc.com', 'alibaba.com.cn', '1688.com'] },
  { name: 'Made-in-China', domains: ['made-in-china.com'] },
  { name: 'Global Sources', domains: ['globalsources.com'] },
  { name: 'EC21', domains: ['ec21.com'] },
  { name: 'Tradekey', domains: ['tradekey.com'] },
  { name: 'DHgate', domains: ['dhgate.com'] },
  { name: 'ECVV', domains: ['ecvv.com'] },
  { name: 'IndiaMART', domains: ['indiamart.com'] },
  { name: 'TradeIndia', domains: ['tradeindia.com'] },
  { name: 'Europages', domains: ['europages.com'] },
  { name: 'HC360', domains: ['hc360.com'] },
];

// What a platform puts in the subject of a buyer's message, as opposed to its newsletters.
const INQUIRY_SUBJECT = /inquir|enquir|\brfq\b|buying request|quotation request|request for quot|询盘|询价|买家|采购需求|報價|詢價/i;

// The labels notifications put before each detail of the buyer, English and Chinese.
const FIELDS: readonly [keyof PlatformInquiry['buyer'], RegExp][] = [
  ['name', /^(?:buyer(?:'s)? name|buyer|contact(?: person| name)?|name|from|买家姓名|买家|联系人|姓名|聯絡人)$/i],
  ['email', /^(?:e-?mail(?: address)?|buyer(?:'s)? e-?mail|邮箱|电子邮件|電子郵件)$/i],
  ['company', /^(?:company(?: name)?|buyer(?:'s)? company|公司(?:名称)?|公司名稱)$/i],
  ['country', /^(?:country(?:\/region)?|country or region|location|国家(?:\/地区)?|国家或地区|國家)$/i],
  ['product', /^(?:product(?: name)?|products? (?:of interest|inquired)|subject|产品(?:名称)?|询盘产品|產品)$/i],
  ['quantity', /^(?:quantity|purchase quantity|order quantity|qty|数量|采购数量|數量)$/i],
];

/** The platform a sender's domain belongs to, if any. */
export function platformOf(address: string | undefined): string | undefined {
  const domain = address?.slice(address.lastIndexOf('@') + 1).toLowerCase() ?? '';
  return PLATFORMS.find((p) => p.domains.some((d) => domain === d || domain.endsWith(`.${d}`)))?.name;
}

/**
 * A B2B platform's notification of a buyer's inquiry: sent from the platform's domain, and
 * either answering to a buyer outside the platform (Reply-To) or titled and worded as an
 * inquiry. The platform's newsletters and promotions are neither and stay bulk mail.
 */
export function platformInquiry(from: MailAddress | undefined, replyTo: readonly MailAddress[], subject: string, text: string): PlatformInquiry | undefined {
  const platform = platformOf(from?.address);
  if (!platform) return undefined;
  const buyerAddress = replyTo.find((a) => platformOf(a.address) === undefined);
  const details = detailsOf(text);
  if (!buyerAddress && !INQUIRY_SUBJECT.test(subject)) return undefined;
  if (!buyerAddress && details.email === undefined && details.name === undefined) return undefined;
  const name = details.name ?? (buyerAddress?.name || undefined);
  const email = buyerAddress?.address ?? details.email?.toLowerCase();
  return { platform, buyer: { ...details, ...(name ? { name } : {}), ...(email ? { email } : {}) } };
}

/** `Label: value` lines of the notification's text, the first of each kind. */
function detailsOf(text: string): { -readonly [K in keyof PlatformInquiry['buyer']]?: string } {
  const found: { -readonly [K in keyof PlatformInquiry['buyer']]?: string } = {};
  for (const line of text.split('\n')) {
    const match = /^\s*([^:：\n]{1,40}?)\s*[:：]\s*(.+?)\s*$/.exec(line);
    if (!match) continue;
    const [, label, value] = match;
    const field = FIELDS.find(([, pattern]) => pattern.test(label!.trim()))?.[0];
    if (!field || found[field] !== undefined) continue;
    if (field === 'email') {
      const address = /[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+/.exec(value!)?.[0];
      if (address && platformOf(address) === undefined) found.email = address;
    } else {
      found[field] = value!.slice(0, 200);
    }
  }
  return found;
}

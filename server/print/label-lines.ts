import { COUNTRIES, countryCode } from '../../design/reference/countries.js';
import type { LabelAddress } from './addressee.js';
import type { FitField } from './fit-text.js';

/** Where the company posts from: mail to this country has no country line. */
export const HOME_COUNTRY = 'CN';

// Where the postcode comes first and the addressee last, as on a Chinese envelope.
const POSTCODE_FIRST = new Set(['CN', 'TW', 'HK', 'MO', 'JP', 'KR']);
// Where the city line reads "City, ST 12345" rather than "12345 City".
const CITY_FIRST = new Set(['US', 'CA', 'AU']);
// What the post of the world reads best where the short English name is long or ambiguous.
const COUNTRY_LINE: Readonly<Record<string, string>> = { US: 'USA', GB: 'UNITED KINGDOM', KR: 'KOREA', TW: 'TAIWAN', HK: 'HONG KONG', MO: 'MACAU' };

/**
 * A label's lines in the order the destination's post reads them. Domestic and East Asian mail:
 * postcode, address, company, department and contact. Elsewhere: "Attn:" contact and
 * department, company, street, the city line (unless the address has it already), and the
 * country in capitals. No country line for mail that stays in the home country; a country that
 * is not recognised is printed as written. The names and the country keep their lines when
 * space runs out; the postcode gives way first.
 */
export function labelFields(address: LabelAddress, home = HOME_COUNTRY): FitField[] {
  const written = address.country?.trim() ?? '';
  const code = countryCode(written);
  const domestic = written === '' || code === home;
  const countryLine = domestic ? '' : code ? (COUNTRY_LINE[code] ?? COUNTRIES.find((c) => c.value === code)?.label.en ?? written).toUpperCase() : written.toUpperCase();
  const person = [address.department, address.contactName].filter((part) => part !== '').join(' ');
  if (domestic || (code !== undefined && POSTCODE_FIRST.has(code))) {
    return [
      { text: address.postcode, maxLines: 1, priority: 3 },
      { text: address.address, maxLines: 3, priority: 2 },
      { text: address.customerName, maxLines: 2, priority: 0 },
      { text: person, maxLines: 2, priority: 1 },
      { text: countryLine, maxLines: 1, priority: 0 },
    ];
  }
  const attention = [address.contactName, address.department].filter((part) => part !== '').join(', ');
  return [
    { text: attention ? `Attn: ${attention}` : '', maxLines: 2, priority: 1 },
    { text: address.customerName, maxLines: 2, priority: 0 },
    { text: address.address, maxLines: 3, priority: 2 },
    { text: cityLine(address, code), maxLines: 1, priority: 2 },
    { text: countryLine, maxLines: 1, priority: 0 },
  ];
}

/** The postcode and city, unless the address already ends with them. */
function cityLine(address: LabelAddress, code: string | undefined): string {
  const { postcode } = address;
  const city = address.city?.trim() ?? '';
  if (postcode !== '' && address.address.includes(postcode)) return '';
  if (city !== '' && address.address.includes(city) && postcode === '') return '';
  if (code !== undefined && CITY_FIRST.has(code)) {
    const province = address.province?.trim() ?? '';
    return [[city, province].filter(Boolean).join(', '), postcode].filter(Boolean).join(' ');
  }
  return [postcode, city].filter(Boolean).join(' ');
}

/**
 * What is dialled for a fax number as people write it (`+86 21 1234-5678`, `0574-8888 0002 转 12`):
 * its digits, with the leading `+` of an international number; an extension is not dialled.
 * Undefined when it is not a fax number. Nothing but `+` and digits ever reaches a transport.
 */
export function dialString(faxNumber: string): string | undefined {
  const [number = ''] = faxNumber.split(/\s*(?:ext|x|转)\.?\s*\d{1,6}\s*$/i);
  if (!/^\s*\+?[\d\s()./-]+$/.test(number)) return undefined;
  const digits = number.replace(/\D/g, '');
  if (digits.length < 5 || digits.length > 20) return undefined;
  return number.trim().startsWith('+') ? `+${digits}` : digits;
}

import { LIST_TYPES, type FieldDef } from '../../design/form.js';
import { unsafeCell } from './csv-write.js';

const LIST_SEPARATORS = /[;；,，、\n]+/;
const DATE = /^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/;
const COMPACT_DATE = /^(\d{4})(\d{2})(\d{2})$/;

/**
 * A cell's text as the value a field holds, the way people type it in Excel: `1,234.50` and
 * `¥1,234.50` for numbers, `2024/3/5` and `2024年3月5日` for dates, a choice by its value or by
 * its label in either language, lists separated by commas, semicolons or 、. What cannot be read
 * is kept as the text it was, so that validation rejects the row with the field's own message.
 */
export function fieldValue(field: FieldDef, cell: string): unknown {
  // Excel writes a line break in a cell as CRLF in one encoding and LF in another: one kind is kept.
  const text = unsafeCell(cell.replace(/\r\n?/g, '\n').trim());
  if (text === '') return undefined;
  if (LIST_TYPES.has(field.type)) return text.split(LIST_SEPARATORS).map((item) => item.trim()).filter((item) => item !== '');
  switch (field.type) {
    case 'objects':
      // A complete export writes lists of entries (related companies) as JSON.
      return jsonList(text) ?? text;
    case 'boolean':
      return /^(true|yes|y|1|是|√)$/i.test(text) ? true : /^(false|no|n|0|否)$/i.test(text) ? false : text;
    case 'number': {
      const number = Number(text.normalize('NFKC').replace(/[\s,¥$€£]|RMB|CNY|USD|EUR/gi, ''));
      return Number.isFinite(number) ? number : text;
    }
    case 'date':
      return dateOf(text.normalize('NFKC')) ?? text;
    case 'choice': {
      const wanted = text.toLowerCase();
      const choice = field.choices?.find((c) => [c.value, c.label.zh, c.label.en].some((name) => name.toLowerCase() === wanted));
      return choice?.value ?? text;
    }
    default:
      return text;
  }
}

function dateOf(text: string): string | null {
  const match = DATE.exec(text) ?? COMPACT_DATE.exec(text);
  if (!match) return null;
  const [, year, month, day] = match;
  return `${year}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
}

function jsonList(text: string): unknown[] | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

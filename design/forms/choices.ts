import type { Choice } from '../form.js';

export function choices(table: Record<string, readonly [zh: string, en: string]>): Choice[] {
  return Object.entries(table).map(([value, [zh, en]]) => ({ value, label: { zh, en } }));
}

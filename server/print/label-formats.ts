import type { Label } from '../../design/label.js';
import { createError } from '../../engine/errors.js';

/** A sheet of labels in millimetres: where the first label sits, its size, and the gaps between labels. */
export interface LabelSheetFormat {
  readonly id: string;
  readonly name: Label;
  readonly pageWidth: number;
  readonly pageHeight: number;
  /** Distance from the top edge of the page to the top of the first row. */
  readonly top: number;
  /** Distance from the left edge of the page to the left of the first column. */
  readonly left: number;
  readonly labelWidth: number;
  readonly labelHeight: number;
  readonly columns: number;
  readonly rows: number;
  readonly gapX: number;
  readonly gapY: number;
}

/** A custom sheet as a user measures one: page, margins, columns, rows and gaps; the label size follows. */
export interface CustomLabelFormat {
  readonly pageWidth: number;
  readonly pageHeight: number;
  readonly marginTop: number;
  readonly marginBottom: number;
  readonly marginLeft: number;
  readonly marginRight: number;
  readonly columns: number;
  readonly rows: number;
  readonly gapX?: number;
  readonly gapY?: number;
}

/** A custom sheet's settings as the print dialog names them: a user's mistake is told in their words. */
const CUSTOM_FIELD_NAMES: Record<keyof CustomLabelFormat, Label> = {
  pageWidth: { zh: '页宽', en: 'pageWidth' }, pageHeight: { zh: '页高', en: 'pageHeight' },
  marginTop: { zh: '上边距', en: 'marginTop' }, marginBottom: { zh: '下边距', en: 'marginBottom' },
  marginLeft: { zh: '左边距', en: 'marginLeft' }, marginRight: { zh: '右边距', en: 'marginRight' },
  columns: { zh: '列数', en: 'columns' }, rows: { zh: '行数', en: 'rows' }, gapX: { zh: '列间距', en: 'gapX' }, gapY: { zh: '行间距', en: 'gapY' },
};

const A4 = { pageWidth: 210, pageHeight: 297 } as const;
const LETTER = { pageWidth: 215.9, pageHeight: 279.4 } as const;

/** Centres the grid on the page, as the sheet makers cut them. */
function centred(page: { pageWidth: number; pageHeight: number }, label: { labelWidth: number; labelHeight: number; columns: number; rows: number; gapX: number; gapY: number }) {
  return {
    ...page,
    ...label,
    left: round((page.pageWidth - label.columns * label.labelWidth - (label.columns - 1) * label.gapX) / 2),
    top: round((page.pageHeight - label.rows * label.labelHeight - (label.rows - 1) * label.gapY) / 2),
  };
}

export const LABEL_FORMATS: readonly LabelSheetFormat[] = [
  { id: 'L7160', name: { zh: 'A4 3×7（L7160，63.5×38.1 毫米）', en: 'A4 3×7 (L7160, 63.5×38.1 mm)' }, ...centred(A4, { labelWidth: 63.5, labelHeight: 38.1, columns: 3, rows: 7, gapX: 2.5, gapY: 0 }) },
  { id: 'L7159', name: { zh: 'A4 3×8（L7159，63.5×33.9 毫米）', en: 'A4 3×8 (L7159, 63.5×33.9 mm)' }, ...centred(A4, { labelWidth: 63.5, labelHeight: 33.9, columns: 3, rows: 8, gapX: 2.5, gapY: 0 }) },
  { id: 'L7163', name: { zh: 'A4 2×7（L7163，99.1×38.1 毫米）', en: 'A4 2×7 (L7163, 99.1×38.1 mm)' }, ...centred(A4, { labelWidth: 99.1, labelHeight: 38.1, columns: 2, rows: 7, gapX: 2.5, gapY: 0 }) },
  // Avery 5160: 2⅝ × 1 in, ½ in top margin, 3/16 in side margin, ⅛ in between columns.
  { id: '5160', name: { zh: 'US Letter 3×10（5160，2⅝×1 英寸）', en: 'US Letter 3×10 (5160, 2⅝×1 in)' }, ...LETTER, top: 12.7, left: 4.7625, labelWidth: 66.675, labelHeight: 25.4, columns: 3, rows: 10, gapX: 3.175, gapY: 0 },
];

// Bounds that keep a typing error from producing a thousand-page PDF or labels no printer can print.
const MAX_PAGE_MM = 1200;
const MIN_LABEL_WIDTH_MM = 15;
const MIN_LABEL_HEIGHT_MM = 8;
const MAX_CELLS = 400;

/** A named format (`L7160`, `L7159`, `L7163`, `5160`) or a custom one, checked. */
export function resolveLabelFormat(spec: unknown): LabelSheetFormat {
  if (typeof spec === 'string') {
    const format = LABEL_FORMATS.find((f) => f.id.toLowerCase() === spec.trim().toLowerCase());
    if (!format) throw createError('bad_request', `Unknown label format ${JSON.stringify(spec)}; the formats are ${LABEL_FORMATS.map((f) => f.id).join(', ')} or a custom {pageWidth, pageHeight, marginTop, …} in mm`);
    return format;
  }
  if (spec === null || typeof spec !== 'object' || Array.isArray(spec)) {
    throw createError('bad_request', 'A label format is a format name such as "L7160" or a custom format object in millimetres');
  }
  return customLabelFormat(spec as Record<string, unknown>);
}

function customLabelFormat(spec: Record<string, unknown>): LabelSheetFormat {
  const mm = (name: keyof CustomLabelFormat, fallback?: number): number => {
    const value = spec[name] ?? fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > MAX_PAGE_MM) {
      throw createError('bad_request', `自定义标签纸：${CUSTOM_FIELD_NAMES[name].zh}须为 0 到 ${MAX_PAGE_MM} 毫米之间的数字，现为 ${JSON.stringify(value)} · Custom label format: ${name} must be a number of millimetres from 0 to ${MAX_PAGE_MM}, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const count = (name: 'columns' | 'rows'): number => {
    const value = spec[name];
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1 || value > 50) {
      throw createError('bad_request', `自定义标签纸：${CUSTOM_FIELD_NAMES[name].zh}须为 1 到 50 之间的整数，现为 ${JSON.stringify(value)} · Custom label format: ${name} must be a whole number from 1 to 50, got ${JSON.stringify(value)}`);
    }
    return value;
  };
  const pageWidth = mm('pageWidth');
  const pageHeight = mm('pageHeight');
  const columns = count('columns');
  const rows = count('rows');
  const gapX = mm('gapX', 0);
  const gapY = mm('gapY', 0);
  const left = mm('marginLeft');
  const top = mm('marginTop');
  const labelWidth = round((pageWidth - left - mm('marginRight') - (columns - 1) * gapX) / columns);
  const labelHeight = round((pageHeight - top - mm('marginBottom') - (rows - 1) * gapY) / rows);
  if (columns * rows > MAX_CELLS) throw createError('bad_request', `自定义标签纸：每张最多 ${MAX_CELLS} 个标签，现为 ${columns * rows} 个 · Custom label format: at most ${MAX_CELLS} labels a sheet, got ${columns * rows}`);
  if (labelWidth < MIN_LABEL_WIDTH_MM || labelHeight < MIN_LABEL_HEIGHT_MM) {
    throw createError('bad_request', `自定义标签纸：按这些边距、间距、列数和行数，每个标签只有 ${labelWidth}×${labelHeight} 毫米，至少需要 ${MIN_LABEL_WIDTH_MM}×${MIN_LABEL_HEIGHT_MM} 毫米 · `
      + `Custom label format: the margins, gaps, columns and rows leave labels of ${labelWidth}×${labelHeight} mm; a label needs at least ${MIN_LABEL_WIDTH_MM}×${MIN_LABEL_HEIGHT_MM} mm`);
  }
  return {
    id: 'custom',
    name: { zh: `自定义 ${columns}×${rows}（${labelWidth}×${labelHeight} 毫米）`, en: `Custom ${columns}×${rows} (${labelWidth}×${labelHeight} mm)` },
    pageWidth, pageHeight, top, left, labelWidth, labelHeight, columns, rows, gapX, gapY,
  };
}

/** The cell where the first label goes: 1 is the top left, counting across then down. */
export function checkStartPosition(format: LabelSheetFormat, start: unknown): number {
  const cells = format.columns * format.rows;
  if (start === undefined || start === null) return 1;
  if (typeof start !== 'number' || !Number.isInteger(start) || start < 1 || start > cells) {
    const got = typeof start === 'number' ? start : JSON.stringify(start);
    throw createError('bad_request', `起始位置须为 ${format.id} 标签纸上第 1 到 ${cells} 个标签之一，现为 ${got} · start must be a label position from 1 to ${cells} on a ${format.id} sheet, got ${got}`);
  }
  return start;
}

function round(mm: number): number {
  return Math.round(mm * 100) / 100;
}

import { withEllipsis, wrapText, type Measure } from './wrap-text.js';

export interface FitField {
  readonly text: string;
  /** Lines this field may wrap to before it is cut short. */
  readonly maxLines: number;
  /** Lower numbers keep their lines when there is no room for all fields (0 first). */
  readonly priority: number;
}

export interface FitOptions {
  readonly width: number;
  readonly height: number;
  readonly maxSize: number;
  readonly minSize: number;
  /** Baseline to baseline, as a multiple of the font size. */
  readonly lineSpacing: number;
  /** The width of a text at 1 pt. */
  readonly measure: Measure;
}

export interface FittedText {
  readonly size: number;
  readonly lines: readonly string[];
}

const STEP = 0.5;

/** Height of `lines` lines at `size`: one em for the first, the line spacing for each further one. */
export function blockHeight(lines: number, size: number, lineSpacing: number): number {
  return lines === 0 ? 0 : size + (lines - 1) * size * lineSpacing;
}

/**
 * Lays fields out in a box: the largest size at which every field wraps within its line budget
 * and all lines fit; failing that, at the smallest size, fields are cut short with an ellipsis,
 * and the lowest-priority lines are left out, so that the text never leaves the box.
 */
export function fitText(fields: readonly FitField[], options: FitOptions): FittedText {
  const { width, height, maxSize, minSize, lineSpacing, measure } = options;
  let wrapped: string[][] = [];
  for (const size of sizes(maxSize, minSize)) {
    const atSize: Measure = (text) => measure(text) * size;
    wrapped = fields.map((field) => wrapText(field.text, width, atSize));
    const count = wrapped.reduce((sum, lines) => sum + lines.length, 0);
    if (wrapped.every((lines, i) => lines.length <= fields[i]!.maxLines) && blockHeight(count, size, lineSpacing) <= height) {
      return { size, lines: wrapped.flat() };
    }
  }
  const atMin: Measure = (text) => measure(text) * minSize;
  const room = Math.max(0, Math.floor((height - minSize) / (minSize * lineSpacing)) + 1);
  const allotted = allot(fields, wrapped, room);
  const lines = wrapped.flatMap((fieldLines, i) => {
    const kept = fieldLines.slice(0, allotted[i]);
    if (kept.length > 0 && kept.length < fieldLines.length) kept[kept.length - 1] = withEllipsis(kept[kept.length - 1]!, width, atMin);
    return kept;
  });
  return { size: minSize, lines };
}

/** From the largest size down in half points, ending on the smallest exactly. */
function sizes(maxSize: number, minSize: number): number[] {
  const out: number[] = [];
  for (let size = maxSize; size > minSize; size -= STEP) out.push(size);
  out.push(minSize);
  return out;
}

/** How many lines each field keeps of `room`: one for each field in priority order, then the rest up to each field's budget. */
function allot(fields: readonly FitField[], wrapped: readonly string[][], room: number): number[] {
  const allotted = fields.map(() => 0);
  const order = [...fields.keys()].sort((a, b) => fields[a]!.priority - fields[b]!.priority);
  let left = room;
  for (const i of order) {
    if (left > 0 && wrapped[i]!.length > 0) {
      allotted[i] = 1;
      left--;
    }
  }
  for (const i of order) {
    const more = Math.min(left, Math.min(wrapped[i]!.length, fields[i]!.maxLines) - allotted[i]!);
    if (more > 0) {
      allotted[i] = allotted[i]! + more;
      left -= more;
    }
  }
  return allotted;
}

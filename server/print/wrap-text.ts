/** The width of a text at the size being laid out, in points. */
export type Measure = (text: string) => number;

export const ELLIPSIS = '…';

// Line-breaking rules (禁则): these never start a line…
const NO_LINE_START = new Set('，。、；：！？）》」』】〕〉”’…·,.;:!?)]}%'.split(''));
// …and these never end one.
const NO_LINE_END = new Set('（《「『【〔〈“‘([{'.split(''));

/**
 * Breaks text into lines no wider than `maxWidth`: Chinese between characters, Latin at spaces,
 * a word wider than the line between its characters; line breaks in the text are kept.
 */
export function wrapText(text: string, maxWidth: number, measure: Measure): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split(/\r\n|\r|\n/)) {
    const words = tokens(paragraph.replace(/[\t ]+/g, ' ').trim());
    let line = '';
    let width = 0;
    for (const word of words) {
      const bare = word.trimEnd();
      const wordWidth = measure(bare);
      if (line !== '' && width + wordWidth > maxWidth) {
        lines.push(line.trimEnd());
        line = '';
        width = 0;
      }
      if (wordWidth > maxWidth) {
        // Only a word that does not fit on a line of its own is broken inside.
        for (const char of bare) {
          const charWidth = measure(char);
          if (line !== '' && width + charWidth > maxWidth) {
            lines.push(line);
            line = '';
            width = 0;
          }
          line += char;
          width += charWidth;
        }
        line += word.slice(bare.length);
        width = measure(line);
        continue;
      }
      line += word;
      width += measure(word);
    }
    if (line.trim() !== '') lines.push(line.trimEnd());
  }
  return lines;
}

/** `line` cut short so that it and an ellipsis fit `maxWidth`. */
export function withEllipsis(line: string, maxWidth: number, measure: Measure): string {
  const chars = Array.from(line.trimEnd());
  while (chars.length > 0 && measure(chars.join('') + ELLIPSIS) > maxWidth) chars.pop();
  return chars.join('').trimEnd() + ELLIPSIS;
}

/** Chinese and Japanese characters and punctuation, for a regular expression's character class. */
export const CJK = '\\p{Script=Han}\\p{Script=Hiragana}\\p{Script=Katakana}\\u3000-\\u303f\\uff00-\\uffef';
// One CJK character; or a run of other characters with the spaces after it; or spaces after a CJK character.
const TOKEN = new RegExp(`[${CJK}]|[^\\s${CJK}]+ ?| `, 'gu');

/** Units that a line may not be broken inside: one CJK character, or a Latin word with the space after it. */
function tokens(paragraph: string): string[] {
  const out: string[] = [];
  for (const piece of paragraph.match(TOKEN) ?? []) {
    const previous = out[out.length - 1];
    const glue = previous !== undefined && (piece === ' ' || NO_LINE_END.has(previous.slice(-1)) || (NO_LINE_START.has(piece[0]!) && !previous.endsWith(' ')));
    if (glue) out[out.length - 1] += piece;
    else if (piece !== ' ') out.push(piece);
  }
  return out;
}

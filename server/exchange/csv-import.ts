import { CsvError, parse } from 'csv-parse/sync';
import { createError } from '../../engine/errors.js';
import { tableOf, type Table } from './table.js';

const DELIMITERS = [',', ';', '\t'] as const;

/**
 * A CSV file's text as a table. The delimiter is the one the header line uses most: Excel writes
 * commas in China and the US, semicolons where the comma is the decimal mark, tabs as "text".
 */
export function parseCsv(text: string): Table & { readonly delimiter: string } {
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    // Empty lines are kept as records so that each row keeps the number Excel gives it.
    records = parse(text, { delimiter, bom: true, relax_column_count: true, skip_empty_lines: false });
  } catch (error) {
    // csv-parse's messages name the line: "Quote Not Closed: … at line 2".
    if (error instanceof CsvError) throw createError('bad_request', `The CSV file is malformed: ${error.message}`);
    throw error;
  }
  if (records.length === 0) throw createError('bad_request', 'The CSV file is empty');
  return { ...tableOf(records), delimiter };
}

function guessDelimiter(text: string): string {
  const counts = new Map<string, number>(DELIMITERS.map((d) => [d, 0]));
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && counts.has(char)) counts.set(char, counts.get(char)! + 1);
  }
  return [...counts].reduce((best, entry) => (entry[1] > best[1] ? entry : best))[0];
}

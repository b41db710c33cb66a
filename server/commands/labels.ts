import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { createError } from '../../engine/errors.js';
import { viewById } from '../../views/catalog.js';
import { renderLabels } from '../print/label-sheet.js';
import { LABEL_FORMATS, resolveLabelFormat } from '../print/label-formats.js';
import { selectEntries } from '../print/print-selection.js';
import { configFor, withStore } from './with-store.js';

interface LabelFlags {
  format: string;
  start: string;
  out: string;
  category?: string[];
  outline?: boolean;
}

export function labelsCommand(): Command {
  return new Command('labels')
    .description('print address labels for the documents of a view as a PDF')
    .argument('<viewId>', 'the view, e.g. customers-by-region (guanxi info lists them)')
    .requiredOption('--out <file>', 'the PDF to write')
    .option('--format <format>', `${LABEL_FORMATS.map((f) => f.id).join(', ')}, or a custom format as JSON in mm: {"pageWidth":210,"pageHeight":297,"marginTop":10,"marginBottom":10,"marginLeft":5,"marginRight":5,"columns":3,"rows":8,"gapX":2,"gapY":0}`, 'L7160')
    .option('--start <n>', 'the first label position on a partly used sheet (1 is top left, across then down)', '1')
    .option('--category <titles...>', 'only the documents under this category (its titles, outermost first)')
    .option('--outline', 'draw each label’s outline, for a test print on plain paper')
    .action(async (viewId: string, flags: LabelFlags, command: Command) => {
      const view = viewById(viewId);
      if (!view) throw createError('not_found', `No view ${viewId}; guanxi info lists the views`);
      const format = resolveLabelFormat(flags.format.trim().startsWith('{') ? parseJson(flags.format) : flags.format);
      const start = Number(flags.start);
      const { entries } = await withStore(configFor(command), (store) => selectEntries(store, { db: view.def.db, viewId, category: flags.category }));
      const progress = process.stderr.isTTY ? (done: number, total: number) => process.stderr.write(`\r${done} / ${total} labels`) : undefined;
      const pdf = await renderLabels(entries.map((entry) => entry.addressee), { format, start, outline: flags.outline, onProgress: progress });
      if (progress) process.stderr.write('\n');
      await writeFile(flags.out, pdf);
      console.log(`${entries.length} ${entries.length === 1 ? 'label' : 'labels'} on ${format.id} sheets → ${flags.out}`);
    });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw createError('bad_request', `--format is not valid JSON: ${(error as Error).message}`);
  }
}

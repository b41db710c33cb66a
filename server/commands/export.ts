import { writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import { DB_NAMES, isDbName } from '../../design/databases.js';
import { createError } from '../../engine/errors.js';
import { COMPLETE_EXPORTS } from '../exchange/complete-exports.js';
import { exportViewCsv } from '../exchange/csv-export.js';
import { langOf } from '../print/print-request.js';
import { configFor, withStore } from './with-store.js';

/** `guanxi export-customers` and `guanxi export-deals`: every record and every field, a backup that imports back. */
export function exportRecordsCommand(records: keyof typeof COMPLETE_EXPORTS): Command {
  const what = records === 'customers' ? 'every customer with its contacts' : 'every deal with its order lines';
  return new Command(`export-${records}`)
    .description(`export ${what}, every field, as CSV or Excel (imports back unchanged)`)
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--xlsx', 'an Excel workbook instead of CSV')
    .option('--lang <lang>', 'column titles in zh or en', 'zh')
    .action(async (flags: { out?: string; xlsx?: boolean; lang: string }, command: Command) => {
      const lang = langOf(flags.lang);
      const exporter = COMPLETE_EXPORTS[records];
      const body = await withStore<string | Uint8Array>(configFor(command), (store) => (flags.xlsx ? exporter.xlsx(store.database('crm'), lang) : exporter.csv(store.database('crm'), lang)));
      if (flags.out) await writeFile(flags.out, body);
      else process.stdout.write(body);
    });
}

export function exportCommand(): Command {
  return new Command('export')
    .description('export a view as CSV (UTF-8 with BOM, as Excel opens it)')
    .argument('<db>', `the database: ${DB_NAMES.join(', ')}`)
    .argument('<viewId>', 'the view, e.g. customers-by-region (guanxi info lists them)')
    .option('--out <file>', 'write to this file instead of standard output')
    .option('--lang <lang>', 'column titles in zh or en', 'zh')
    .action(async (db: string, viewId: string, flags: { out?: string; lang: string }, command: Command) => {
      if (!isDbName(db)) throw createError('not_found', `No database ${JSON.stringify(db)}; the databases are ${DB_NAMES.join(', ')}`);
      const lang = langOf(flags.lang);
      const csv = await withStore(configFor(command), (store) => exportViewCsv(store.database(db), viewId, lang));
      if (flags.out) await writeFile(flags.out, csv);
      else process.stdout.write(csv);
    });
}

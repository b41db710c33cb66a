import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { Command } from 'commander';
import { SERVER_USER } from '../../design/user.js';
import { createError } from '../../engine/errors.js';
import { parseMapping, policyOf } from '../exchange/exchange-routes.js';
import { importDealFile } from '../exchange/deal-import.js';
import { importFile, previewImport } from '../exchange/import-file.js';
import { configFor, withStore } from './with-store.js';

interface ImportFlags {
  policy?: string;
  mapping?: string;
  encoding?: string;
  sheet?: string;
  preview?: boolean;
  json?: boolean;
  deals?: boolean;
}

export function importCommand(): Command {
  return new Command('import')
    .description('import customers and contacts from a CSV, Excel (.xlsx) or vCard (.vcf) file into crm')
    .argument('<file>', 'the file; CSV in UTF-8 (with or without BOM), UTF-16 or GBK/GB18030')
    .option('--policy <policy>', 'what to do with a row that matches a record by name, e-mail or phone: fill (its empty fields only), overwrite or skip; codes and names are never replaced', 'fill')
    .option('--mapping <json>', 'changes to the guessed column mapping, e.g. \'{"公司":"customer.name","#5":null}\'')
    .option('--encoding <encoding>', 'the text encoding instead of guessing it (e.g. gbk, big5)')
    .option('--sheet <name>', 'the worksheet of an Excel workbook (default: the first)')
    .option('--preview', 'show how the file would be imported, and save nothing')
    .option('--deals', 'the file is a complete export of deals (guanxi export-deals): import its deals with their order lines')
    .option('--json', 'print JSON')
    .action(async (file: string, flags: ImportFlags, command: Command) => {
      const bytes = await readFile(file).then((buffer) => new Uint8Array(buffer), (error: NodeJS.ErrnoException) => {
        throw createError('not_found', `Cannot read ${file}: ${error.code ?? error.message}`);
      });
      if (flags.deals) {
        const ctx = { user: SERVER_USER, now: new Date().toISOString() };
        const report = await withStore(configFor(command), (store) => importDealFile(store.database('crm'), bytes, basename(file), { ctx, encoding: flags.encoding }));
        if (flags.json) return console.log(JSON.stringify(report, null, 2));
        console.log(`${basename(file)}: ${report.rows} ${report.rows === 1 ? 'row' : 'rows'}; imported ${report.imported} deals, skipped ${report.skipped.length} rows already stored, rejected ${report.rejected.length}`);
        for (const row of report.rejected) console.log(`  row ${row.row}: ${row.reason}`);
        return;
      }
      const options = { encoding: flags.encoding, sheet: flags.sheet, mapping: flags.mapping === undefined ? undefined : parseMapping(flags.mapping) };
      if (flags.preview) {
        const preview = await previewImport(bytes, basename(file), options);
        if (flags.json) return console.log(JSON.stringify(preview, null, 2));
        console.log(`${preview.file.name}: ${preview.file.format}${preview.file.encoding ? `, ${preview.file.encoding}` : ''}, ${preview.rowCount} rows`);
        for (const column of preview.columns) console.log(`  ${column.column.padEnd(4)} ${column.header} → ${column.target ?? '(not imported)'}`);
        return;
      }
      const policy = policyOf(flags.policy);
      const ctx = { user: SERVER_USER, now: new Date().toISOString() };
      const { file: info, report } = await withStore(configFor(command), (store) => importFile(store.database('crm'), bytes, basename(file), { ...options, policy, ctx }));
      if (flags.json) return console.log(JSON.stringify({ file: info, report }, null, 2));
      console.log(`${info.name} (${info.format}${info.encoding ? `, ${info.encoding}` : ''}): ${report.rows} ${report.rows === 1 ? 'row' : 'rows'}`);
      console.log(`imported ${report.imported}, merged ${report.merged}, skipped ${report.skipped}, rejected ${report.rejected.length}`);
      for (const row of report.rejected) console.log(`  row ${row.row}: ${row.reason}`);
    });
}

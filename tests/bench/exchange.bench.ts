import type { Doc } from '../../design/form.js';
import { writeCsv } from '../../server/exchange/csv-write.js';
import { importFile } from '../../server/exchange/import-file.js';
import { generateCustomers } from './generate-crm.js';
import { storeWithCustomers } from './customer-store.js';
import { report, timed } from './report.js';

/**
 * A real spreadsheet's import: 10,000 CSV rows, each matched for duplicates (by name, e-mail and
 * phone, written differently) against a store that already holds 10,000 customers, then saved.
 */
const N = 10_000;
const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Bench', roles: [] } };
const CONTACTS = ['张伟', 'Hans Müller', '欧阳明', 'Mary Smith', '曾晓明', 'Jean Dupont'];

const { store, customers: existing, remove } = await storeWithCustomers(N, ctx);
try {
  const crm = store.database('crm');
  const csv = importCsv(existing, generateCustomers(N, 7));
  let counts = '';
  const importMs = await timed(async () => {
    const { report: result } = await importFile(crm, new Uint8Array(Buffer.from(csv)), 'bench.csv', { policy: 'fill', ctx });
    counts = `imported ${result.imported}, merged ${result.merged}, rejected ${result.rejected.length}`;
  });
  console.log(`# import: ${counts}`);
  report(`exchange.csv_import.${N}`, N / (importMs / 1000), 'rows/s');
} finally {
  await remove();
}

/**
 * 10,000 rows as a spreadsheet would hold them: four in five new customers (with a contact for
 * every second row), one in five an existing customer under a differently written name, its
 * e-mail address in capitals, or its phone number written another way.
 */
function importCsv(existing: readonly Doc[], fresh: readonly Doc[]): string {
  const rows = fresh.map((doc, i) => {
    if (i % 5 === 4) {
      const known = existing[(i * 7) % existing.length]!;
      const variant = i % 3;
      return [variant === 0 ? String(known.name).toUpperCase().replace(/ /g, '  ') : `Renamed ${i}`, '', '', variant === 1 ? String(known.email).toUpperCase() : '', variant === 2 ? String(known.phone).replace(/ /g, '-') : '', known.address, known.postcode, known.city, known.country, known.region];
    }
    return [doc.name, i % 2 === 0 ? CONTACTS[i % CONTACTS.length] : '', i % 2 === 0 ? `138${String(i).padStart(8, '0')}` : '', `row${i}@example.cn`, doc.phone, doc.address, doc.postcode, doc.city, doc.country, doc.region];
  });
  return writeCsv(['客户名称', '联系人', '手机', '公司邮箱', '公司电话', '地址', '邮编', '城市', '国家', '地区'], rows);
}

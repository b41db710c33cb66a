import type { Access } from '../../design/access/acl.js';
import type { Lang } from '../../design/label.js';
import type { Database } from '../store/store.js';
import { exportDealRecordsCsv, exportDealRecordsXlsx } from './deal-records.js';
import { exportCustomerRecordsCsv, exportCustomerRecordsXlsx } from './records-export.js';

type Exporter<T> = (db: Database, lang: Lang, viewer?: Access) => Promise<T>;

/** The complete exports of crm, each a file that imports back unchanged: what the route, the command line and the workstation offer. */
export const COMPLETE_EXPORTS: Readonly<Record<'customers' | 'deals', { readonly csv: Exporter<string>; readonly xlsx: Exporter<Uint8Array> }>> = {
  customers: { csv: exportCustomerRecordsCsv, xlsx: exportCustomerRecordsXlsx },
  deals: { csv: exportDealRecordsCsv, xlsx: exportDealRecordsXlsx },
};

export function isCompleteExport(name: string): name is keyof typeof COMPLETE_EXPORTS {
  return Object.hasOwn(COMPLETE_EXPORTS, name);
}

import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { addresseeOf, type LabelAddress } from '../../server/print/addressee.js';
import { resolveLabelFormat } from '../../server/print/label-formats.js';
import { renderLabels } from '../../server/print/label-sheet.js';
import type { PrintJobStatus } from '../../server/print/print-jobs.js';
import { createPrintRouter } from '../../server/print/print-routes.js';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { generateCustomers } from './generate-crm.js';
import { storeWithCustomers } from './customer-store.js';
import { report, timed } from './report.js';

/**
 * Printing at the size of a real mailing: 10,000 labels of mixed Chinese and English addresses
 * (targets: ≤ 5 s, ≤ 5 MB). The label job is also timed as the workstation runs it: through the
 * HTTP job route, reading a view of 10,000 customers, polled for progress, and the file fetched.
 */
const N = 10_000;
const ctx = { now: '2026-11-23T08:00:00.000Z', user: { name: 'Bench', roles: [] } };
const CONTACTS = ['张伟', 'Hans Müller', '欧阳明', 'Mary Smith', '曾晓明', 'Jean Dupont'];
const DEPARTMENTS = ['采购部', 'Purchasing', '外贸部', 'Einkauf'];

function labelAddresses(count: number, seed: number): LabelAddress[] {
  return generateCustomers(count, seed).map((customer, i) => {
    const address = addresseeOf(customer, null);
    return i % 2 === 0 ? address : { ...address, department: DEPARTMENTS[i % DEPARTMENTS.length]!, contactName: CONTACTS[i % CONTACTS.length]! };
  });
}

const format = resolveLabelFormat('L7160');
// The first document pays for reading the font and compiling the code paths; a server pays that once.
await renderLabels(labelAddresses(200, 1), { format });
const addresses = labelAddresses(N, 20261123);
let pdf: Uint8Array = new Uint8Array();
const labelMs = await timed(async () => {
  pdf = await renderLabels(addresses, { format });
});
report('print.labels_10k.seconds', labelMs / 1000, 's');
report('print.labels_10k.pdf_size', pdf.length / 1024 / 1024, 'MB');

const { store, remove } = await storeWithCustomers(N, ctx);
try {
  const crm = store.database('crm');
  // A running server keeps its view indexes current as documents are saved; build this one first, so
  // that the job is timed as a user would wait for it, not for the index of 10,000 new documents.
  await crm.view('customers-by-name', { limit: 1 });
  await benchLabelJob(store);
} finally {
  await remove();
}

/** A 10,000-label job over HTTP, from its start to its file, polled every 300 ms as the workstation does. */
async function benchLabelJob(jobStore: EmbeddedStore): Promise<void> {
  const app = express().use(createPrintRouter({ store: jobStore }));
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/print/jobs`;
  try {
    let polls = 0;
    let progressSeen = 0;
    let size = 0;
    const jobMs = await timed(async () => {
      const started = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ job: 'labels', view: { db: 'crm', viewId: 'customers-by-name' } }) });
      let status = (await started.json()) as PrintJobStatus;
      while (status.state === 'running') {
        await new Promise((resolve) => setTimeout(resolve, 300));
        status = (await (await fetch(`${url}/${status.id}`)).json()) as PrintJobStatus;
        polls++;
        if (status.state === 'running' && status.done > 0) progressSeen++;
      }
      if (status.state !== 'done') throw new Error(`label job ${status.state}: ${JSON.stringify(status.error)}`);
      size = (await (await fetch(`${url}/${status.id}/file`)).arrayBuffer()).byteLength;
    });
    console.log(`# label job: ${polls} polls, ${progressSeen} with labels done and more to come, ${(size / 1024 / 1024).toFixed(2)} MB`);
    report('print.labels_10k_job_http.seconds', jobMs / 1000, 's');
  } finally {
    server.close();
  }
}

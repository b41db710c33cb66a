import { randomBytes } from 'node:crypto';
import type { Page } from 'playwright-core';
import type { Doc } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { KEEP_EVERYTHING } from '../../design/replication-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { signIn, waitUntilReady, workstationWorld } from '../e2e/workstation-world.js';
import { mulberry32 } from '../helpers/random.js';
import { report } from './report.js';

/**
 * The local replica's size in Chromium (`navigator.storage.estimate().usage` once the replica is
 * up to date) for a mailbox of BENCH_MAILS (10,000) messages over the last two years, a third with
 * a file (2–30 KB, or 1.2–2.5 MB for 6 files in 100; sizes and dates seeded, contents random):
 * under the settings a company would set as its default (6 months of mail, files up to 1 MB)
 * against keeping everything.
 */
const MAILS = Number(process.env.BENCH_MAILS ?? 10_000);
const SEED = 20261205;
const DAY = 24 * 3600 * 1000;
const KB = 1024;

function generateMails(count: number, seed: number): Doc[] {
  const random = mulberry32(seed);
  const now = Date.now();
  return Array.from({ length: count }, (_, i) => {
    const withFile = random() < 1 / 3;
    const large = random() < 0.06;
    const bytes = large ? Math.round((1.2 + random() * 1.3) * 1024 * KB) : Math.round((2 + random() * 28) * KB);
    return {
      _id: `mail-${String(i).padStart(6, '0')}`, form: 'MailMessage', direction: random() < 0.5 ? 'in' : 'out', status: 'received',
      subject: `询价 RFQ ${i}：闸阀 DN${50 + (i % 10) * 50}`, body: '请报 FOB 宁波价，数量 100 只，交期四周。\nPlease quote FOB Ningbo.'.repeat(1 + (i % 4)),
      date: new Date(now - random() * 730 * DAY).toISOString(), customerId: `cust-${i % 200}`, customerName: `客户 ${i % 200}`,
      ...(withFile ? { _attachments: { [`附件-${i}.pdf`]: { content_type: 'application/pdf', data: randomBytes(bytes).toString('base64') } } } : {}),
    };
  });
}

async function replicaBytes(page: Page): Promise<number> {
  return page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
}

console.log(`# replica size: ${MAILS} mails, seed ${SEED}`);
const world = await workstationWorld([{ name: 'Loader', access: { crm: 'editor' } }]);
try {
  const crm = world.running.store.database('crm');
  const ctx = { now: new Date().toISOString(), user: SERVER_USER };
  await crm.save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', title: '客户关系设置', replicaMailMonths: 6, replicaFilesUpToMb: 1 }, ctx);
  const mails = generateMails(MAILS, SEED);
  for (let i = 0; i < mails.length; i += 200) await crm.saveMany(mails.slice(i, i + 200), ctx);

  for (const [name, own] of [['default', null], ['all', KEEP_EVERYTHING]] as const) {
    const { page, context } = await world.workstation({ lang: 'zh' });
    // The person's own settings, as the replica page stores them, before the first replication.
    if (own) {
      await page.evaluate((value) => {
        const key = Array.from(new TextEncoder().encode('Loader'), (byte) => byte.toString(16).padStart(2, '0')).join('');
        localStorage.setItem(`guanxi.replica.${key}.crm`, JSON.stringify(value));
      }, own);
    }
    await signIn(page, 'Loader');
    await waitUntilReady(page, 60 * 60_000);
    report(`client.replica_size.${name}`, (await replicaBytes(page)) / (1024 * KB), 'MB');
    await context.close();
  }
} finally {
  await world.close();
}

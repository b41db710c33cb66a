import assert from 'node:assert/strict';
import { access } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createLogger } from '../../server/log.js';
import { HylafaxError, submitToHylafax } from '../../server/fax/hylafax.js';
import { Scheduler } from '../../server/scheduler/scheduler.js';
import { startHylafax, type Hylafax } from '../helpers/hylafax.js';
import { openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';
import { pdfText } from '../print/pdf-tools.js';

const logger = createLogger('silent');

describe('the fax gateway with HylaFAX (a real hfaxd and faxq, no modem)', () => {
  let hylafax: Hylafax;
  let t: TestStore;
  before(async () => {
    hylafax = await startHylafax();
  });
  after(() => hylafax.stop());

  const ticker = (serverId: string) => new Scheduler({ store: t.store, serverId, logger, fax: { transport: { kind: 'hylafax', server: hylafax }, from: '关系贸易有限公司' } });

  it('hands the rendered PDF to sendfax once, records the job id and follows the job: queued, then failed with HylaFAX\'s reason when removed', async () => {
    t = await openTestStore('embedded');
    try {
      const crm = t.store.database('crm');
      await crm.save({ _id: 'fax-1', form: 'Fax', customerId: 'customer-sh', customerName: '上海永新贸易', recipientName: '陈经理', faxNumber: '+86 21 1234-5678', subject: '报价单 Quotation', coverNote: '陈经理您好，附上报价。', body: '不锈钢保温杯 500ml，FOB 宁波 USD 3.20/只。', status: 'queued' }, saveContext());
      const at = new Date('2026-03-02T09:00:00.000Z');
      await Promise.all([ticker('server-a').tick(at), ticker('server-b').tick(at)]);

      const fax = await crm.get('fax-1');
      assert.equal(fax.status, 'sent');
      assert.equal(fax.transport, 'hylafax');
      assert.match(String(fax.faxJobId), /^\d+$/);
      assert.equal(fax.jobState, 'queued', 'no modem: the job waits in the queue');
      const jobs = await hylafax.jobs();
      assert.deepEqual(jobs.queued, [fax.faxJobId], 'one job, however many servers');
      const queueFile = await hylafax.queueFile(String(fax.faxJobId));
      assert.match(queueFile, /^number:\+862112345678$/m);
      assert.match(queueFile, /^owner:guanxi$/m);
      assert.match(queueFile, /^jobtag:fax-1$/m);
      const text = await pdfText(await hylafax.document(String(fax.faxJobId)));
      for (const expected of ['传真 FAX', '陈经理', '+86 21 1234-5678', '关系贸易有限公司', '陈经理您好，附上报价。', 'FOB 宁波 USD 3.20']) {
        assert.ok(text.includes(expected), `the PDF HylaFAX has shows ${expected}`);
      }

      await ticker('server-a').tick(new Date('2026-03-02T09:01:00.000Z'));
      assert.equal((await crm.get('fax-1'))._rev, fax._rev, 'still queued: nothing to record');

      await hylafax.remove(String(fax.faxJobId));
      await ticker('server-b').tick(new Date('2026-03-02T09:02:00.000Z'));
      const failed = await crm.get('fax-1');
      assert.equal(failed.status, 'failed');
      assert.equal(failed.jobState, 'failed');
      assert.match(String(failed.lastError), /^传真发送失败 \/ The fax was not sent: Job aborted by request/);
      assert.equal(failed.customerId, 'customer-sh', 'on the customer like a message');
    } finally {
      await t.cleanup();
    }
  });

  it('dials only the digits of a number: nothing in it reaches a shell, an option or the protocol', async () => {
    t = await openTestStore('embedded');
    try {
      const crm = t.store.database('crm');
      // A line break never gets into a stored number; what a number may hold besides digits is not dialled.
      await assert.rejects(crm.save({ _id: 'fax-crlf', form: 'Fax', faxNumber: '+86 21\r\n5555 0001', subject: '换行', status: 'queued' }, saveContext()), { kind: 'invalid' });
      await crm.save({ _id: 'fax-written', form: 'Fax', faxNumber: '+86 (21) 5555-0001', subject: '写法', status: 'queued' }, saveContext());
      await crm.save({ _id: 'fax-short', form: 'Fax', faxNumber: '123', subject: '错号', status: 'queued' }, saveContext());
      await ticker('server-a').tick(new Date('2026-03-02T09:00:00.000Z'));
      const written = await crm.get('fax-written');
      assert.equal(written.status, 'sent');
      assert.match(await hylafax.queueFile(String(written.faxJobId)), /^number:\+862155550001$/m);
      assert.match(String((await crm.get('fax-short')).lastError), /^传真号码无效 \/ Not a fax number: 123$/);

      const before = await hylafax.jobs();
      const marker = join(tmpdir(), `guanxi-injected-${process.pid}`);
      for (const number of [`123456; touch ${marker}`, `$(touch ${marker})`, `\`touch ${marker}\``, '-h evil.example:4559', '12345\r\nJKILL 1', '12345 && reboot']) {
        await assert.rejects(submitToHylafax(hylafax, '/dev/null', number, 'x'), (error: unknown) => error instanceof HylafaxError && /not a fax number/.test(error.message), number);
      }
      await assert.rejects(access(marker), 'no command ran');
      assert.deepEqual(await hylafax.jobs(), before, 'no job was submitted or removed');
    } finally {
      await t.cleanup();
    }
  });
});

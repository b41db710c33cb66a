import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { mailDocId } from '../../server/mail/mail-doc-id.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';

const ctx = { user: SERVER_USER, now: '2026-03-07T10:00:00.000Z' };
const CUSTOMER = { customerId: 'c-nord', customerName: '汉堡北方阀门有限公司' };

function mail(messageId: string, subject: string, date: string, extra: Doc = {}): Doc {
  return { _id: mailDocId(messageId), form: 'MailMessage', direction: 'in', status: 'received', from: 'hans@nordwerk.de', messageId, subject, date, threadId: mailDocId(messageId), ...CUSTOMER, ...extra };
}

for (const engine of ENGINES) {
  if (engine === 'couchdb' && !process.env.COUCHDB_TEST_URL) continue;
  describe(`the customer's timeline by conversation (${engine})`, () => {
    it('puts a conversation\'s replies and other threads of the same subject under one heading, the rest of the timeline under the customer', async () => {
      const test = await openTestStore(engine);
      try {
        const crm = test.store.database('crm');
        const root = mail('q1@nordwerk.de', '询价：蝶阀 DN150', '2026-03-02T09:00:00.000Z');
        await crm.saveMany([
          { _id: 'c-nord', form: 'Customer', name: CUSTOMER.customerName, category: 'existing' },
          root,
          // The answer, as the outbox files it: in the thread, whose heading it keeps.
          { ...mail('a1@guanxi-trading.cn', 'Re: 询价：蝶阀 DN150', '2026-03-03T09:00:00.000Z'), direction: 'out', status: 'sent', threadId: root._id, references: ['q1@nordwerk.de'] },
          // A new message of the same subject, not a reply (no References): another thread, the same heading.
          mail('q2@nordwerk.de', '询价：蝶阀 DN150', '2026-03-05T09:00:00.000Z'),
          mail('s1@nordwerk.de', '样品寄送', '2026-03-04T09:00:00.000Z'),
          { _id: 'act-1', form: 'Activity', subject: '电话：确认交期', when: '2026-03-06T09:00:00.000Z', kind: 'call', ...CUSTOMER },
        ], ctx);
        const page = await crm.view('customer-timeline-conversations', { expandAll: true });
        const shown = page.rows.map((row) => (row.kind === 'category' ? `${'  '.repeat(row.level)}${String(row.title ?? '—')} (${row.count})` : `${'  '.repeat(row.level)}${row.id}`));
        assert.deepEqual(shown, [
          '汉堡北方阀门有限公司 (5)',
          '  — (1)', '    act-1',
          '  询价：蝶阀 DN150 (3)', `    ${mailDocId('q2@nordwerk.de')}`, `    ${mailDocId('a1@guanxi-trading.cn')}`, `    ${root._id}`,
          '  样品寄送 (1)', `    ${mailDocId('s1@nordwerk.de')}`,
        ]);
      } finally {
        await test.cleanup();
      }
    });
  });
}

import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, describe, test } from 'node:test';
import { EmbeddedStore } from '../../server/store/embedded-store.js';
import { startDovecot, type Dovecot } from '../helpers/dovecot.js';
import { startSmtpSink, type SmtpSink } from '../helpers/smtp-sink.js';
import { ADMIN_CTX, configureAccount, SALES } from '../mail/mail-world.js';
import { openRow, screenshot, signIn, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

const SUBJECT = 'New Inquiry: 500ml Stainless Steel Vacuum Flask from Carlos Mendes';

describe('an Alibaba inquiry in Chromium: imported from the company mailbox (Dovecot), routed, filed under its buyer', () => {
  let world: WorkstationWorld;
  let dovecot: Dovecot;
  let sink: SmtpSink;
  before(async () => {
    [dovecot, sink] = await Promise.all([startDovecot([SALES]), startSmtpSink()]);
    world = await workstationWorld([{ name: '王芳', access: { crm: 'author' } }, { name: '李雷', access: { crm: 'author' } }], {
      env: { MAIL_POLL_SECONDS: '1' },
      // The account and the rule as an administrator sets them, before the gateway starts.
      beforeStart: async (dataDir) => {
        const store = await EmbeddedStore.open(dataDir);
        try {
          await configureAccount(store, dovecot, { smtpHost: sink.host, smtpPort: sink.port, smtpTls: false });
          await store.database('names').save({ form: 'MailRule', name: '阿里巴巴询盘', order: 1, domains: ['alibaba.com'], assignTo: ['王芳'], tags: ['阿里巴巴'] }, ADMIN_CTX);
        } finally {
          await store.close();
        }
      },
    });
    const raw = await readFile(new URL('../mail/samples/real-world/alibaba-inquiry.eml', import.meta.url));
    await dovecot.append(SALES, 'INBOX', [new Uint8Array(raw)]);
  });
  after(async () => {
    await world.close();
    await Promise.all([dovecot.stop(), sink.stop()]);
  });

  test('the salesperson of the rule finds it under the buyer (Reply-To) as a new contact and customer, and a reply goes to the buyer', async () => {
    const { page, assertNoCspViolations } = await world.workstation();
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openRow(page, 'mail-by-customer', SUBJECT);
    const pane = page.locator('gx-document-pane');
    await pane.locator('gx-field[name="customerName"] .value', { hasText: 'Mendes Utilidades Ltda' }).waitFor();
    await pane.locator('gx-field[name="contactName"] .value', { hasText: 'Carlos Mendes' }).waitFor();
    await pane.locator('gx-field[name="owner"] .value', { hasText: '王芳' }).waitFor();
    await pane.locator('gx-field[name="replyTo"] .value', { hasText: 'carlos@mendes-utilidades.com.br' }).waitFor();
    await pane.locator('gx-field[name="platform"] .value', { hasText: 'Alibaba' }).waitFor();
    await screenshot(page, 'zh-alibaba-inquiry');

    await page.locator('gx-mail-actions button[data-mail="reply"]').click();
    assert.equal(await pane.locator('gx-field[name="to"] input').inputValue(), 'carlos@mendes-utilidades.com.br', 'the answer goes to the buyer, not the platform\'s robot');

    await openRow(page, 'customers-by-owner', 'Mendes Utilidades Ltda');
    await pane.locator('gx-field[name="source"] .value', { hasText: 'B2B平台' }).waitFor();
    // Filed as the country's code, shown by its name in the interface's language.
    await pane.locator('gx-field[name="country"] .value', { hasText: '巴西' }).waitFor();
    await openRow(page, 'contacts-by-customer', 'Carlos Mendes');
    await pane.locator('gx-field[name="emails"] .value', { hasText: 'carlos@mendes-utilidades.com.br' }).waitFor();
    assertNoCspViolations();
  });
});

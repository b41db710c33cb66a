import { join } from 'node:path';
import type { Doc } from '../../design/form.js';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import type { Store } from '../../server/store/store.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { freePort } from '../helpers/dovecot.js';
import { configureSmtpAccount } from '../helpers/smtp-account.js';
import type { SmtpSink } from '../helpers/smtp-sink.js';
import { tempDir, testConfig } from '../server/fixtures.js';

/** The company's shop, another origin than Guanxi's: where the website form is. */
export const SHOP_ORIGIN = 'http://shop.example.test';

/**
 * The company's website form, a routing rule (LED lamps go to 王芳, as inquiry mail does) and an
 * auto-reply template in English and Chinese under one name.
 */
export async function configureWebForm(store: Store, site: Doc = {}): Promise<void> {
  await store.database('names').saveMany([
    { _id: 'webform-shop', form: 'WebForm', name: '官网询盘', origins: [SHOP_ORIGIN], minSeconds: 3, ...site },
    { _id: 'rule-led', form: 'MailRule', name: 'LED 询盘', order: 1, words: ['led'], assignTo: ['王芳'], tags: ['LED'] },
  ], SEED_CTX);
  await store.database('crm').saveMany([
    { _id: 'tpl-thanks-en', form: 'MailTemplate', name: '询盘自动回复', language: 'en', subject: 'Thank you for your inquiry', body: 'Dear {{contactName}},\nthank you for your inquiry. {{salesperson}} will answer within one working day.' },
    { _id: 'tpl-thanks-zh', form: 'MailTemplate', name: '询盘自动回复', language: 'zh', subject: '感谢询盘', body: '{{联系人}}您好：\n感谢您的询盘，{{业务员}}会在一个工作日内答复。' },
  ], SEED_CTX);
}

export interface WebWorld {
  readonly running: RunningServer;
  readonly url: string;
  /** The server's clock for the forms (fill time, rate limits); the tests move it. */
  clock: number;
  close(): Promise<void>;
}

/**
 * A Guanxi server whose public address is its own, sending through `sink` with the scheduler
 * ticking every second, and the website form configured.
 */
export async function startWebWorld(sink: SmtpSink, site: Doc = {}): Promise<WebWorld> {
  const { dir, cleanup } = await tempDir('web');
  const dataDir = join(dir, 'data');
  await configureSmtpAccount(dataDir, sink, '关系照明 销售部');
  const port = await freePort();
  const world = { clock: Date.parse('2026-03-02T09:00:00.000Z') } as WebWorld;
  const running = await startServer(testConfig(dataDir, { PORT: String(port), PUBLIC_URL: `http://127.0.0.1:${port}`, SCHEDULER_CRON: '* * * * * *' }), { logger: createLogger('silent'), now: () => world.clock });
  await configureWebForm(running.store, site);
  return Object.assign(world, {
    running,
    url: running.url,
    close: async () => {
      await running.close();
      await cleanup();
    },
  });
}

/** The hidden fields of a page's form: what the visitor's browser sends on. */
export function hiddenFields(html: string): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const [, name, value] of html.matchAll(/<input type="hidden" name="([^"]*)" value="([^"]*)">/g)) fields[unescape(name!)] = unescape(value!);
  return fields;
}

function unescape(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}

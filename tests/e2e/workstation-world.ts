import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { createLogger } from '../../server/log.js';
import { startServer, type RunningServer } from '../../server/main.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { seedDirectory, type PersonSeed } from '../helpers/directory-seed.js';
import { ROOT, testConfig } from '../server/fixtures.js';
import { ensureClientBuilt } from './client-build.js';

export const PASSWORD = 'correct horse battery';
export const SCREENSHOTS = join(ROOT, 'test-artifacts', 'screenshots');
/** As the machine notes say: without these, Chromium reaches for Google's hosts at every start. */
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** One browser (a workstation): its context (profile) and page, and what its console said. */
export interface Workstation {
  readonly context: BrowserContext;
  readonly page: Page;
  /** The browser profile: IndexedDB, service worker, localStorage survive a restart. */
  readonly profile: string;
  /** Console errors and uncaught exceptions, Content-Security-Policy violations among them. */
  readonly problems: string[];
  /** Fails when the page broke the Content-Security-Policy. */
  assertNoCspViolations(): void;
}

export interface WorkstationWorld {
  readonly running: RunningServer;
  readonly url: string;
  /** A fresh browser profile (or an existing one: a browser restart) with the application open at `/`. */
  workstation(options?: { lang?: 'zh' | 'en'; profile?: string; offline?: boolean }): Promise<Workstation>;
  close(): Promise<void>;
}

export interface WorldOptions {
  /** Settings of the server, as environment variables. */
  readonly env?: NodeJS.ProcessEnv;
  /** Prepares the data directory before the server starts (what it reads only at start: mail accounts). */
  readonly beforeStart?: (dataDir: string) => Promise<void>;
}

/** A server on a fresh embedded store with these people (same password), the client built, and Chromium. */
export async function workstationWorld(people: readonly Omit<PersonSeed, 'password'>[], options: WorldOptions = {}): Promise<WorkstationWorld> {
  await ensureClientBuilt();
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-e2e-'));
  await options.beforeStart?.(join(dir, 'data'));
  const running = await startServer(testConfig(join(dir, 'data'), options.env), { logger: createLogger('silent') });
  await seedDirectory(running.store, running.directory, people.map((p) => ({ ...p, password: PASSWORD })));
  const contexts: BrowserContext[] = [];
  let profiles = 0;
  return {
    running,
    url: running.url,
    async workstation({ lang = 'zh', profile = join(dir, `profile-${++profiles}`), offline = false } = {}) {
      // One browser per workstation, with its own profile: IndexedDB, service worker and network of its own.
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true,
        viewport: { width: 1280, height: 800 }, locale: lang === 'zh' ? 'zh-CN' : 'en-GB', serviceWorkers: 'allow', offline,
      });
      contexts.push(context);
      // The language a new profile starts in; a choice made in the application is kept.
      await context.addInitScript((language) => localStorage.getItem('guanxi.lang') ?? localStorage.setItem('guanxi.lang', language), lang);
      const page = context.pages()[0] ?? await context.newPage();
      const problems: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(message.text());
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
      await page.goto(running.url);
      return {
        context, page, problems, profile,
        assertNoCspViolations() {
          const violations = problems.filter((p) => /Content Security Policy|Refused to (execute|apply|load|evaluate)/i.test(p));
          if (violations.length > 0) throw new Error(`Content-Security-Policy violations:\n${violations.join('\n')}`);
        },
      };
    },
    async close() {
      await Promise.all(contexts.map((c) => c.close()));
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Signs in through the sign-in form and waits for the workstation. */
export async function signIn(page: Page, name: string): Promise<void> {
  await page.getByLabel(/用户名|Name/).fill(name);
  await page.getByLabel(/密码|Password/).fill(PASSWORD);
  await page.getByRole('button', { name: /登录|Sign in/ }).click();
  await page.locator('gx-workstation').waitFor();
}

/** Waits until every replica has caught up with the server and indexed its views. */
export async function waitUntilReady(page: Page, timeout = 30_000): Promise<void> {
  await page.locator('gx-status-indicator [data-ready="true"]').waitFor({ timeout });
}

export async function screenshot(page: Page, name: string): Promise<void> {
  await mkdir(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** The document rows and category headers the view pane has on screen, in view order. */
export async function visibleRows(page: Page): Promise<{ index: number; id?: string; category?: string; text: string }[]> {
  const rows = await page.locator('gx-view-pane .row').evaluateAll((elements) => elements.map((row) => ({
    index: Number((row as HTMLElement).dataset.index),
    id: (row as HTMLElement).dataset.id,
    category: (row as HTMLElement).dataset.category,
    text: row.textContent?.replace(/\s+/g, ' ').trim() ?? '',
  })));
  return rows.sort((a, b) => a.index - b.index);
}

/** Opens a view from the navigator and waits for its first page. */
export async function openView(page: Page, viewId: string): Promise<void> {
  await page.locator(`gx-navigator button[data-view="${viewId}"]`).click();
  await page.locator('gx-view-pane [data-total-count]').waitFor();
}

/** Opens a view and, once the row with this text is in it, its document. */
export async function openRow(page: Page, viewId: string, text: string): Promise<void> {
  await openView(page, viewId);
  const id = await expectEventually(async () => {
    const row = (await visibleRows(page)).find((r) => r.id && r.text.includes(text));
    if (!row?.id) throw new Error(`${text} is not in ${viewId}`);
    return row.id;
  }, { timeoutMs: 10_000 });
  await page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
  await page.locator('gx-document-pane h2', { hasText: text }).waitFor();
}

/** Fills a new document of the view's first form through the document pane and saves it. */
export async function createDocument(page: Page, fields: Record<string, string>): Promise<void> {
  await page.locator('gx-view-pane gx-action-bar button.primary').first().click();
  await fill(page, fields);
  await save(page);
}

/** Opens a document from the view pane, changes fields in edit mode and saves. */
export async function editDocument(page: Page, id: string, fields: Record<string, string>): Promise<void> {
  await page.locator(`gx-view-pane .row[data-id="${id}"]`).click();
  const pane = page.locator('gx-document-pane');
  await pane.locator('button[data-action="edit"]').click();
  for (const [name, value] of Object.entries(fields)) await pane.locator(`gx-field[name="${name}"] input`).fill(value);
  await pane.locator('button[data-action="save"]').click();
  await pane.locator('button[data-action="edit"]').waitFor();
}

/** Waits for the status indicator to say this (`online`, `pending`, …), as its data attributes do. */
export async function waitForStatus(page: Page, attribute: 'online' | 'pending' | 'ready', value: string, timeout = 20_000): Promise<void> {
  await page.locator(`gx-status-indicator [data-${attribute}="${value}"]`).waitFor({ timeout });
}

/** Fills the fields of the document being edited in the document pane. */
export async function fill(page: Page, fields: Record<string, string>): Promise<void> {
  const pane = page.locator('gx-document-pane');
  for (const [name, value] of Object.entries(fields)) {
    const field = pane.locator(`gx-field[name="${name}"]`);
    if (await field.locator('select').count() > 0) await field.locator('select').selectOption(value);
    else await field.locator('input, textarea').first().fill(value);
  }
}

export async function save(page: Page): Promise<void> {
  const pane = page.locator('gx-document-pane');
  await pane.locator('button[data-action="save"]').click();
  await pane.locator('button[data-action="edit"]').waitFor();
}

/** Adds a row to an `objects` field and fills its cells. */
export async function addRow(page: Page, field: string, cells: Record<string, string>): Promise<void> {
  const table = page.locator(`gx-document-pane gx-field[name="${field}"] gx-objects-field`);
  const before = await table.locator('tbody tr').count();
  await table.locator('button.add').click();
  // Else a lost click would fill the row before it, and the test fail somewhere else.
  await expectEventually(async () => {
    if (await table.locator('tbody tr').count() !== before + 1) throw new Error(`the click on 添加一行 added no row to ${field}`);
  }, { timeoutMs: 10_000 });
  const row = table.locator('tbody tr').last();
  for (const [name, value] of Object.entries(cells)) {
    const cell = row.locator(`[name="${name}"]`);
    if (await cell.evaluate((el) => el.tagName === 'SELECT')) await cell.selectOption(value);
    else await cell.fill(value);
  }
}

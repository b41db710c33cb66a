import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import type { Page } from 'playwright-core';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { expectEventually } from '../helpers/expect-eventually.js';
import { createDocument, openView, screenshot, signIn, visibleRows, waitUntilReady, workstationWorld, type WorkstationWorld } from './workstation-world.js';

describe('forum in Chromium: post a topic, reply, see it under its category and its author', () => {
  let world: WorkstationWorld;
  before(async () => {
    world = await workstationWorld([{ name: '王芳', access: { discussion: 'author' } }, { name: '李四', access: { discussion: 'author' } }]);
    await world.running.store.database('discussion').save({ form: 'Topic', subject: '报价单模板', category: ['报价'] }, { ...SEED_CTX, user: { name: '李四', roles: [] } });
  });
  after(async () => {
    await world.close();
  });

  test('a topic and a reply to it, in All Documents, By Category and By Author', async () => {
    const { page, assertNoCspViolations } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'all-documents');
    await createDocument(page, { subject: '汉堡展会的样品安排', category: '展会，样品', body: '请各位在周五前确认样品清单。' });

    const pane = page.locator('gx-document-pane');
    await pane.locator('button[data-action^="new:Response"]').click();
    assert.equal(await pane.locator('gx-field[name="subject"] input').inputValue(), 'Re: 汉堡展会的样品安排');
    await pane.locator('gx-field[name="body"] textarea').fill('阀门样品已备好，周三寄出。');
    await pane.locator('button[data-action="save"]').click();
    await pane.locator('button[data-action="edit"]').waitFor();

    await expectEventually(async () => {
      const texts = (await visibleRows(page)).map((row) => row.text);
      const topic = texts.findIndex((text) => text.includes('汉堡展会的样品安排') && !text.includes('Re:'));
      assert.ok(topic >= 0, JSON.stringify(texts));
      assert.match(texts[topic + 1] ?? '', /Re: 汉堡展会的样品安排/, 'the reply is right under its topic');
    }, { timeoutMs: 10_000 });
    const reply = page.locator('gx-view-pane .row.response');
    assert.equal(await reply.count(), 1, 'the reply is shown indented as a response');

    await openView(page, 'topics-by-category');
    await expectEventually(async () => {
      const rows = await visibleRows(page);
      assert.deepEqual(rows.filter((row) => row.category).map((row) => row.category), ['报价', '样品', '展会']);
      const underSample = rows.slice(rows.findIndex((row) => row.category === '样品') + 1);
      assert.match(underSample[0]?.text ?? '', /汉堡展会的样品安排/);
      assert.match(underSample[1]?.text ?? '', /Re: 汉堡展会的样品安排/);
    }, { timeoutMs: 10_000 });

    await openView(page, 'posts-by-author');
    await expectEventually(async () => {
      const rows = await visibleRows(page);
      assert.deepEqual(rows.map((row) => row.category ?? 'post'), ['李四', 'post', '王芳', 'post', 'post']);
      assert.match(rows[2]!.text, /王芳/);
      assert.match(rows[3]!.text, /回复/, 'the kind of post in the user\'s language');
    }, { timeoutMs: 10_000 });
    await screenshot(page, 'zh-forum-by-author');

    await openView(page, 'my-posts');
    await expectEventually(async () => {
      const texts = (await visibleRows(page)).map((row) => row.text);
      assert.equal(texts.length, 2, JSON.stringify(texts));
      assert.ok(texts.every((text) => text.includes('汉堡展会的样品安排')), 'only her own posts');
    }, { timeoutMs: 10_000 });
    assertNoCspViolations();
  });

  test('unread marks: others\' posts are unread until opened, "mark all read", kept across a reload, and one\'s own never unread', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'all-documents');
    const unread = async () => (await page.locator('gx-view-pane .row[data-unread="true"]').evaluateAll((rows) => rows.map((r) => r.textContent ?? '')))
      .map((text) => text.replace(/\s+/g, ' ').trim());
    await expectEventually(async () => {
      const rows = await unread();
      assert.equal(rows.length, 1, JSON.stringify(rows));
      assert.match(rows[0]!, /报价单模板/);
    }, { timeoutMs: 10_000 });

    const topic = await page.locator('gx-view-pane .row[data-unread="true"]').getAttribute('data-id');
    await page.locator(`gx-view-pane .row[data-id="${topic}"]`).click();
    await expectEventually(async () => assert.deepEqual(await unread(), []), { timeoutMs: 5000 });

    const discussion = world.running.store.database('discussion');
    await discussion.save({ form: 'Response', parent: topic!, subject: 'Re: 报价单模板', body: '已更新' }, { ...SEED_CTX, user: { name: '李四', roles: [] } });
    await discussion.save({ form: 'Topic', subject: '新年假期安排', category: ['行政'] }, { ...SEED_CTX, user: { name: '李四', roles: [] } });
    await expectEventually(async () => assert.equal((await unread()).length, 2), { timeoutMs: 15_000 });
    await page.locator('gx-view-pane button[data-action="mark-all-read"]').click();
    await expectEventually(async () => assert.deepEqual(await unread(), []), { timeoutMs: 5000 });

    await page.reload();
    await waitUntilReady(page);
    await openView(page, 'all-documents');
    await expectEventually(async () => assert.ok((await visibleRows(page)).some((row) => row.text.includes('新年假期安排')), 'the topic is in the view'), { timeoutMs: 10_000 });
    assert.deepEqual(await unread(), [], 'the marks are kept on the workstation');
  });

  test('following a thread from a post: the next response in it becomes a notice to the follower', async () => {
    const { page } = await world.workstation({ lang: 'zh' });
    await signIn(page, '王芳');
    await waitUntilReady(page);
    await openView(page, 'all-documents');
    const topicRow = page.locator('gx-view-pane .row:not(.response)', { hasText: '报价单模板' });
    const topic = (await topicRow.getAttribute('data-id'))!;
    await topicRow.click();
    await page.locator('gx-follow-thread button[data-follow="off"]').click();
    await page.locator('gx-follow-thread button[data-follow="on"]').waitFor();

    const discussion = world.running.store.database('discussion');
    await expectEventually(async () => {
      const { rows } = await discussion.pouch.allDocs({ include_docs: true });
      const profile = rows.find((row) => row.doc?.form === 'InterestProfile')?.doc;
      assert.deepEqual([profile?.owner, profile?.threads, profile?.readers], [['王芳'], [topic], ['王芳']]);
    }, { timeoutMs: 15_000 });
    const reply = await discussion.save({ form: 'Response', parent: topic, subject: 'Re: 报价单模板', body: '第二版' }, { ...SEED_CTX, user: { name: '李四', roles: [] } });
    await expectEventually(async () => {
      const { rows } = await world.running.store.database('crm').pouch.allDocs({ include_docs: true });
      const notices = rows.flatMap((row) => (row.doc?.form === 'Notice' ? [row.doc] : []));
      assert.deepEqual(notices.map((n) => [n.recipients, n.kind, n.linkId]), [[['王芳'], 'interest', reply._id]]);
    }, { timeoutMs: 15_000 });
  });

  test('unread marks follow the person to their other workstation', async () => {
    await world.running.store.database('discussion').save({ form: 'Topic', subject: '仓库盘点通知', category: ['行政'] }, { ...SEED_CTX, user: { name: '李四', roles: [] } });
    const open = async () => {
      const { page } = await world.workstation({ lang: 'zh' });
      await signIn(page, '王芳');
      await waitUntilReady(page);
      await openView(page, 'all-documents');
      return page;
    };
    const unreadCount = (page: Page) => page.locator('gx-view-pane .row[data-unread="true"]').count();
    const office = await open();
    const laptop = await open();
    // The new topic, and the response in the thread followed in the test before, never opened.
    await expectEventually(async () => assert.equal(await unreadCount(laptop), 2), { timeoutMs: 10_000 });
    await expectEventually(async () => assert.equal(await unreadCount(office), 2), { timeoutMs: 10_000 });
    await office.locator('gx-view-pane button[data-action="mark-all-read"]').click();
    await expectEventually(async () => assert.equal(await unreadCount(office), 0), { timeoutMs: 5000 });
    await expectEventually(async () => {
      await laptop.reload();
      await waitUntilReady(laptop);
      await openView(laptop, 'all-documents');
      await expectEventually(async () => assert.ok((await visibleRows(laptop)).some((row) => row.text.includes('仓库盘点通知')), 'the topic reached the laptop'), { timeoutMs: 10_000 });
      assert.equal(await unreadCount(laptop), 0);
    }, { timeoutMs: 30_000, intervalMs: 1000 });
  });
});

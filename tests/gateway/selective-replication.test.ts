import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { FILES_ON_SERVER, FILES_UP_TO_HEADER, KEPT_FILTER } from '../../design/replication-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { idsOf, localReplica, remoteDb } from '../helpers/sync-client.js';
import { ENGINES } from '../helpers/test-store.js';
import { gatewayWorld, rawAsker, saved, type GatewayWorld } from './gateway-fixture.js';

const DAY = 24 * 3600 * 1000;
const file = (bytes: Buffer, type = 'application/pdf') => ({ content_type: type, data: bytes.toString('base64') });
const ago = (days: number) => new Date(Date.now() - days * DAY).toISOString();
const KEEP_HALF_YEAR = { filter: KEPT_FILTER, query_params: { mail_months: 6 } };

for (const engine of ENGINES) describe(`gateway: what a workstation keeps (filter=guanxi/kept, files left on the server), ${engine}`, () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: 'Alice', access: { crm: 'editor' } }, { name: 'Boss', roles: ['[Manager]'], access: { crm: 'manager' } }], { 华东销售组: ['Boss'] }, engine);
  });
  after(async () => {
    await world.close();
  });

  const serverSave = (doc: object) => world.running.store.database('crm').save(doc as never, { now: new Date().toISOString(), user: SERVER_USER });

  test('mail older than the kept months never crosses, also to a replica made afresh after one that kept it; pinned by id it comes', async () => {
    await serverSave({ _id: 'mail-old', form: 'MailMessage', direction: 'in', status: 'received', subject: '去年的询价', date: ago(400), authors: ['Alice'] });
    await serverSave({ _id: 'mail-new', form: 'MailMessage', direction: 'in', status: 'received', subject: '本周的询价', date: ago(3), authors: ['Alice'] });
    await serverSave({ _id: 'act-old', form: 'Activity', subject: '旧电话', kind: 'call', status: 'done', when: ago(400), customerId: 'cust-old', customerName: '宁波老客户', authors: ['Alice'] });
    await serverSave({ _id: 'cust-old', form: 'Customer', name: '宁波老客户', authors: ['Alice'] });
    const alice = await world.signIn('Alice');
    const remote = remoteDb(world.running.url, 'crm', alice);
    // A replica that kept everything: the person's manifest now says they hold the old mail.
    const everything = localReplica('alice-everything');
    await everything.replicate.from(remote);
    assert.ok((await idsOf(everything)).includes('mail-old'));

    // Regression: a fresh replica (space freed) got back whatever another replica of the person held.
    const local = localReplica('alice-kept');
    await local.replicate.from(remote, KEEP_HALF_YEAR as PouchDB.Replication.ReplicateOptions);
    const ids = await idsOf(local);
    assert.ok(ids.includes('mail-new') && ids.includes('cust-old'), ids.join());
    assert.ok(!ids.includes('mail-old') && !ids.includes('act-old'), `left out: ${ids.join()}`);

    // Pinned: replicated by id, and again by id for its later changes.
    await local.replicate.from(remote, { doc_ids: ['mail-old'] });
    assert.equal((await local.get<Record<string, unknown>>('mail-old')).subject, '去年的询价');
    const crm = world.running.store.database('crm');
    await serverSave({ ...await crm.get('mail-old'), tags: ['已置顶'] });
    await local.replicate.from(remote, { doc_ids: ['mail-old'] });
    assert.deepEqual((await local.get<Record<string, unknown>>('mail-old')).tags, ['已置顶']);
    assert.ok(!(await idsOf(local)).includes('act-old'));
  });

  test('my customers only: mine and my team\'s customers with all filed under them come; others\' and the public pool\'s, with their contacts and mail, stay on the server', async () => {
    const customer = (id: string, name: string, owner?: string[]) => serverSave({ _id: id, form: 'Customer', name, ...(owner ? { owner, authors: owner } : {}) });
    await customer('cust-mine', '我的客户', ['Boss']);
    await customer('cust-team', '华东组的客户', ['华东销售组']);
    await customer('cust-bobs', '老王的客户', ['Bob']);
    await customer('cust-pool', '公海客户');
    const contact = (id: string, customerId: string) => serverSave({ _id: id, form: 'Contact', name: `联系人 ${id}`, customerId, customerName: customerId });
    await contact('contact-mine', 'cust-mine');
    await contact('contact-team', 'cust-team');
    await contact('contact-bobs', 'cust-bobs');
    await contact('contact-pool', 'cust-pool');
    await serverSave({ _id: 'deal-bobs', form: 'Deal', name: '老王的业务', customerId: 'cust-bobs', customerName: '老王的客户', owner: ['Bob'], authors: ['Bob'] });
    await serverSave({ _id: 'deal-mine-at-bobs', form: 'Deal', name: '我在老王客户的业务', customerId: 'cust-bobs', customerName: '老王的客户', owner: ['Boss'], authors: ['Boss'] });
    const mail = (id: string, fields: object) => serverSave({ _id: id, form: 'MailMessage', direction: 'in', status: 'received', subject: id, date: ago(2), ...fields });
    await mail('mail-mine-filed-by-bob', { customerId: 'cust-mine', owner: ['Bob'], authors: ['Bob'] });
    await mail('mail-bobs', { customerId: 'cust-bobs', owner: ['Bob'], authors: ['Bob'] });
    await mail('mail-pool', { customerId: 'cust-pool' });
    await mail('mail-unfiled', {});
    await serverSave({ _id: 'act-team', form: 'Activity', subject: '拜访', kind: 'visit', status: 'done', when: ago(2), customerId: 'cust-team', customerName: '华东组的客户' });
    await serverSave({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', title: '客户关系设置' });
    const mine = ['cust-mine', 'cust-team', 'contact-mine', 'contact-team', 'deal-mine-at-bobs', 'mail-mine-filed-by-bob', 'mail-unfiled', 'act-team', CRM_SETTINGS_ID];
    const others = ['cust-bobs', 'cust-pool', 'contact-bobs', 'contact-pool', 'deal-bobs', 'mail-bobs', 'mail-pool'];
    const boss = await world.signIn('Boss');
    const remote = remoteDb(world.running.url, 'crm', boss);
    const local = localReplica('boss-mine');
    const MINE_ONLY = { filter: KEPT_FILTER, query_params: { mine: true } } as PouchDB.Replication.ReplicateOptions;
    await local.replicate.from(remote, MINE_ONLY);
    const held = new Set(await idsOf(local));
    assert.deepEqual(mine.filter((id) => !held.has(id)), [], 'missing');
    assert.deepEqual(others.filter((id) => held.has(id)), [], 'not his customers\' documents');
    // Left out by the setting, not by his rights: without it they come.
    const all = localReplica('boss-all');
    await all.replicate.from(remote);
    const allIds = new Set(await idsOf(all));
    assert.deepEqual([...mine, ...others].filter((id) => !allIds.has(id)), []);

    // Bob's customer handed over to him: it comes, and what is filed under it from then on.
    await serverSave({ ...await world.running.store.database('crm').get('cust-bobs'), owner: ['Boss'], authors: ['Boss'] });
    await contact('contact-bobs-new', 'cust-bobs');
    await contact('contact-pool-new', 'cust-pool');
    await local.replicate.from(remote, MINE_ONLY);
    const after = new Set(await idsOf(local));
    assert.ok(after.has('cust-bobs') && after.has('contact-bobs-new'), [...after].join());
    assert.ok(!after.has('contact-pool-new'));
  });

  test('a months value that is not a whole number is a 400 in CouchDB\'s shape', async () => {
    const ask = await rawAsker(world, 'Alice');
    for (const months of ['abc', '-1', '2.5', '99999']) {
      const answer = await ask('GET', `/sync/crm/_changes?filter=${KEPT_FILTER}&mail_months=${months}`);
      assert.equal(answer.status, 400, months);
      assert.equal(JSON.parse(answer.text).error, 'bad_request');
    }
    const other = await ask('GET', '/sync/crm/_changes?filter=app/mine');
    assert.equal(other.status, 400);
    const flag = await ask('GET', `/sync/crm/_changes?filter=${KEPT_FILTER}&mine=maybe`);
    assert.equal(flag.status, 400);
  });

  test('a file over the size stays on the server; editing the document there keeps it on the server, byte for byte', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 7);
    const small = Buffer.from('%PDF 报价单');
    await serverSave({
      _id: 'deal-files', form: 'Deal', name: '框架订单', customerId: 'c1', authors: ['Alice'],
      _attachments: { '图纸（大）.pdf': file(big), '报价单.pdf': file(small) },
    });
    await serverSave({
      _id: 'mail-files', form: 'MailMessage', direction: 'in', status: 'received', subject: '图纸', date: ago(1), authors: ['Alice'],
      _attachments: { '图纸.dwg': file(big, 'application/acad') },
    });
    const alice = await world.signIn('Alice');
    const local = localReplica('alice-files');
    const lean = remoteDb(world.running.url, 'crm', alice, { [FILES_UP_TO_HEADER]: String(1024 * 1024) });
    await local.replicate.from(lean, { doc_ids: ['deal-files', 'mail-files'] });
    const deal = await local.get('deal-files', { attachments: true }) as Record<string, unknown> & { _attachments: Record<string, unknown> };
    assert.deepEqual(Object.keys(deal._attachments), ['报价单.pdf']);
    assert.deepEqual(Object.keys(deal[FILES_ON_SERVER] as object), ['图纸（大）.pdf']);
    assert.equal((deal[FILES_ON_SERVER] as Record<string, { length: number }>)['图纸（大）.pdf']!.length, big.length);
    await assert.rejects(local.getAttachment('deal-files', '图纸（大）.pdf'), { status: 404 });

    // Edited where the big file is not held: a field changed, the small file removed.
    const held = await local.get<Record<string, unknown>>('deal-files');
    const { _attachments: _files, ...withoutFiles } = held;
    await local.put(saved('Alice', { ...withoutFiles, name: '框架订单（改）' }, held) as never);
    const mail = await local.get('mail-files');
    await local.put(saved('Alice', { ...mail, tags: ['图纸'] }, mail) as never);
    const denied: string[] = [];
    await local.replicate.to(lean).on('denied', (error) => denied.push(String((error as { message?: string }).message)));
    assert.deepEqual(denied, []);

    const crm = world.running.store.database('crm');
    const onServer = await crm.pouch.get('deal-files') as Record<string, unknown> & { _attachments: Record<string, unknown> };
    assert.equal(onServer.name, '框架订单（改）');
    assert.deepEqual(Object.keys(onServer._attachments), ['图纸（大）.pdf']);
    assert.equal(onServer[FILES_ON_SERVER], undefined);
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('deal-files', '图纸（大）.pdf') as Buffer), big);
    const mailOnServer = await crm.pouch.get('mail-files') as Record<string, unknown>;
    assert.deepEqual(mailOnServer.tags, ['图纸']);
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('mail-files', '图纸.dwg') as Buffer), big);

    // Fetched on demand through the replication endpoint, as the workstation does.
    const fetched = await lean.getAttachment('deal-files', '图纸（大）.pdf') as Buffer;
    assert.equal(fetched.length, big.length);
  });

  test('a listed file the document never had on the server is not invented', async () => {
    const alice = await world.signIn('Alice');
    const local = localReplica('alice-invent');
    await local.put(saved('Alice', { _id: 'deal-claim', form: 'Deal', name: '声称', customerId: 'c1', [FILES_ON_SERVER]: { 'x.pdf': { length: 3, digest: 'md5-AAAAAAAAAAAAAAAAAAAAAA==' } } }) as never);
    await local.replicate.to(remoteDb(world.running.url, 'crm', alice));
    const stored = await world.running.store.database('crm').pouch.get('deal-claim') as Record<string, unknown>;
    assert.equal(stored._attachments, undefined);
    assert.equal(stored[FILES_ON_SERVER], undefined);
  });
});

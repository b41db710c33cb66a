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
    world = await gatewayWorld([{ name: 'Alice', access: { crm: 'editor' } }, { name: 'Boss', roles: ['[Manager]'], access: { crm: 'manager' } }], {}, engine);
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

  test('my customers only: documents with another salesperson stay on the server, those without one come', async () => {
    await serverSave({ _id: 'cust-mine', form: 'Customer', name: '我的客户', owner: ['Boss'], authors: ['Boss'] });
    await serverSave({ _id: 'cust-bobs', form: 'Customer', name: '老王的客户', owner: ['Bob'], authors: ['Bob'] });
    await serverSave({ _id: 'deal-bobs', form: 'Deal', name: '老王的业务', customerId: 'cust-bobs', customerName: '老王的客户', owner: ['Bob'], authors: ['Bob'] });
    await serverSave({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', title: '客户关系设置' });
    const boss = await world.signIn('Boss');
    const local = localReplica('boss-mine');
    await local.replicate.from(remoteDb(world.running.url, 'crm', boss), { filter: KEPT_FILTER, query_params: { mine: true } } as PouchDB.Replication.ReplicateOptions);
    const ids = await idsOf(local);
    assert.ok(ids.includes('cust-mine') && ids.includes(CRM_SETTINGS_ID), ids.join());
    assert.ok(!ids.includes('cust-bobs') && !ids.includes('deal-bobs'), ids.join());
    // Left out by the setting, not by his rights: without it they come.
    const all = localReplica('boss-all');
    await all.replicate.from(remoteDb(world.running.url, 'crm', boss));
    assert.ok((await idsOf(all)).includes('deal-bobs'));
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

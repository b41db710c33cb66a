import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { idsOf, localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, type GatewayWorld } from '../gateway/gateway-fixture.js';

/** Standard documents of the library whose readers are restricted, and their files, through the real sync gateway. */
describe('knowledge library: a restricted standard document never reaches a user who may not read it', () => {
  let world: GatewayWorld;
  const file = (text: string) => Buffer.from(text, 'utf8');

  before(async () => {
    world = await gatewayWorld([
      { name: '法务王', roles: ['[Legal]'], access: { library: 'editor' } },
      { name: '销售李', access: { library: 'reader' } },
      { name: '法务陈', roles: ['[Legal]'], access: { library: 'reader' } },
    ]);
    const library = world.running.store.database('library');
    const restricted = await library.save({ _id: 'std-contract', form: 'StandardDocument', title: '合同范本（含底价）', category: ['合同'], readers: ['[Legal]'] }, SEED_CTX);
    await library.pouch.putAttachment(restricted._id, '合同范本.docx', restricted._rev, file('底价 USD 12.50'), 'application/octet-stream');
    const open = await library.save({ _id: 'std-catalogue', form: 'StandardDocument', title: '产品目录', category: ['目录'] }, SEED_CTX);
    await library.pouch.putAttachment(open._id, '目录.pdf', open._rev, file('catalogue 2026'), 'application/pdf');
  });
  after(async () => {
    await world.close();
  });

  async function replicaOf(name: string): Promise<PouchDB.Database> {
    const replica = localReplica(name);
    await replica.replicate.from(world.remote(await world.signIn(name), 'library'));
    return replica;
  }

  async function attachmentText(db: PouchDB.Database, id: string, name: string): Promise<string> {
    const data = await db.getAttachment(id, name);
    return Buffer.isBuffer(data) ? data.toString('utf8') : await (data as Blob).text();
  }

  test('replication brings the open document and its file to everyone, the restricted one only to its readers', async () => {
    const sales = await replicaOf('销售李');
    assert.deepEqual(await idsOf(sales), ['std-catalogue']);
    assert.equal(await attachmentText(sales, 'std-catalogue', '目录.pdf'), 'catalogue 2026');
    const legal = await replicaOf('法务陈');
    assert.deepEqual(await idsOf(legal), ['std-catalogue', 'std-contract']);
    assert.equal(await attachmentText(legal, 'std-contract', '合同范本.docx'), '底价 USD 12.50');
    await Promise.all([sales.destroy(), legal.destroy()]);
  });

  test('its file cannot be fetched directly, and the view of the library does not list it', async () => {
    const sales = await world.signIn('销售李');
    const headers = { cookie: sales.cookie, accept: 'application/json' };
    const direct = await fetch(`${world.running.url}/sync/library/std-contract/${encodeURIComponent('合同范本.docx')}`, { headers });
    const text = await direct.text();
    assert.equal(direct.status, 404);
    assert.ok(!text.includes('底价'));
    const view = await fetch(`${world.running.url}/api/db/library/views/standard-documents-by-category`, { headers });
    const listed = await view.text();
    assert.equal(view.status, 200);
    assert.ok(listed.includes('std-catalogue') && !listed.includes('std-contract') && !listed.includes('合同'), listed);
  });

  test('restricting a document later removes it and its file from the workstations that held it', async () => {
    const sales = await replicaOf('销售李');
    assert.deepEqual(await idsOf(sales), ['std-catalogue']);
    const library = world.running.store.database('library');
    await library.save({ ...(await library.get('std-catalogue')), readers: ['[Legal]'] }, SEED_CTX);
    await sales.replicate.from(world.remote(await world.signIn('销售李'), 'library'));
    assert.deepEqual(await idsOf(sales), []);
    await assert.rejects(sales.getAttachment('std-catalogue', '目录.pdf'), { status: 404 });
    await sales.destroy();
  });
});

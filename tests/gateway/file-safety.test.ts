import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { idsOf, localReplica, type Credentials } from '../helpers/sync-client.js';
import { gatewayWorld, saved, type GatewayWorld } from './gateway-fixture.js';

const file = (type: string, text: string) => ({ content_type: type, data: Buffer.from(text).toString('base64') });
const SCRIPT = '<script>fetch("/api/session").then((r) => r.json()).then((s) => fetch("/sync/crm", { method: "POST", headers: { "X-CSRF-Token": s.csrf } }))</script>';

describe('files served safely, and one document never stalls a replica', () => {
  let world: GatewayWorld;
  let bob: Credentials;
  before(async () => {
    world = await gatewayWorld([{ name: 'Alice', access: { crm: 'author' } }, { name: 'Bob', access: { crm: 'author' } }]);
    const crm = world.running.store.database('crm');
    await crm.save({
      _id: 'deal-files', form: 'Deal', name: '公开订单', customerId: 'c1',
      _attachments: {
        'x.html': file('text/html', `<h1>报价</h1>${SCRIPT}`),
        'x.svg': file('image/svg+xml', `<svg xmlns="http://www.w3.org/2000/svg"><script>${SCRIPT}</script></svg>`),
        '合同.pdf': file('application/pdf', '%PDF-1.4'),
        'photo.png': file('image/png', '\x89PNG'),
        'odd.bin': file('text/html\r\nSet-Cookie: x=1', 'x'),
      },
    }, SEED_CTX);
    bob = await world.signIn('Bob');
  });
  after(async () => {
    await world.close();
  });

  const fetchFile = (name: string) => fetch(`${world.running.url}/sync/crm/deal-files/${encodeURIComponent(name)}`, { headers: { cookie: bob.cookie } });

  test('an HTML or SVG file is downloaded, never shown on Guanxi\'s origin: attachment, nosniff, CSP sandbox', async () => {
    for (const [name, type] of [['x.html', 'text/html'], ['x.svg', 'image/svg+xml'], ['odd.bin', 'application/octet-stream']]) {
      const response = await fetchFile(name!);
      assert.equal(response.status, 200, name);
      assert.equal(response.headers.get('content-type')?.split(';')[0], type, name);
      assert.match(response.headers.get('content-disposition')!, /^attachment; filename=/, name);
      assert.equal(response.headers.get('content-security-policy'), 'sandbox', name);
      assert.equal(response.headers.get('x-content-type-options'), 'nosniff', name);
      assert.equal(response.headers.get('set-cookie'), null, name);
    }
  });

  test('a PDF or a photo is shown inline, sandboxed all the same; a Chinese name travels intact', async () => {
    for (const name of ['合同.pdf', 'photo.png']) {
      const response = await fetchFile(name);
      assert.match(response.headers.get('content-disposition')!, /^inline; /, name);
      assert.equal(response.headers.get('content-security-policy'), 'sandbox', name);
    }
    assert.match((await fetchFile('合同.pdf')).headers.get('content-disposition')!, /filename\*=UTF-8''%E5%90%88%E5%90%8C\.pdf$/);
  });

  test('a file named ../../../../etc/passwd is refused on save, and the rest of the push lands', async () => {
    const alice = await world.signIn('Alice');
    const local = localReplica('alice-traversal');
    await local.bulkDocs([
      saved('Alice', { _id: 'deal-traversal', form: 'Deal', name: '路径', customerId: 'c1', _attachments: { '../../../../etc/passwd': file('application/pdf', 'root:x:0:0') } }),
      saved('Alice', { _id: 'deal-fine', form: 'Deal', name: '正常', customerId: 'c1', _attachments: { '报价单.pdf': file('application/pdf', '%PDF') } }),
    ] as never[]);
    const denied: string[] = [];
    await local.replicate.to(world.remote(alice)).on('denied', (error) => denied.push(String((error as { id?: string }).id)));
    assert.deepEqual(denied, ['deal-traversal']);
    const crm = world.running.store.database('crm');
    await assert.rejects(crm.pouch.get('deal-traversal'), { status: 404 });
    assert.equal((await crm.get('deal-fine')).name, '正常');
  });

  test('a document stored with ../../../../etc/passwd before the rule does not stall any reader\'s pull: it comes without that file', async () => {
    // As it was stored before the rule: straight into the store, past validation.
    const crm = world.running.store.database('crm');
    await crm.pouch.put(saved('Bob', {
      _id: 'deal-legacy', form: 'Deal', name: '旧订单', customerId: 'c1',
      _attachments: { '../../../../etc/passwd': file('application/pdf', 'root:x:0:0'), '图纸.pdf': file('application/pdf', '%PDF 图纸') },
    }) as never);
    const local = localReplica('bob-legacy');
    const pull = await local.replicate.from(world.remote(bob));
    assert.equal(pull.ok, true);
    assert.ok((await idsOf(local)).includes('deal-legacy'));
    assert.ok((await idsOf(local)).includes('deal-files'));
    const held = await local.get('deal-legacy', { attachments: true }) as { _attachments: Record<string, { data: string }> };
    assert.deepEqual(Object.keys(held._attachments), ['图纸.pdf']);
    assert.equal(Buffer.from(held._attachments['图纸.pdf']!.data, 'base64').toString(), '%PDF 图纸');
    const direct = await fetch(`${world.running.url}/sync/crm/deal-legacy/${encodeURIComponent('../../../../etc/passwd')}`, { headers: { cookie: bob.cookie } });
    assert.equal(direct.status, 404);

    // Bob edits the document he was sent without that file: his edit lands, and the file is not lost.
    await local.put(saved('Bob', { ...held, name: '旧订单（已改）' }, held) as never);
    const push = await local.replicate.to(world.remote(bob));
    assert.deepEqual([push.ok, push.doc_write_failures], [true, 0]);
    const stored = await crm.pouch.get('deal-legacy') as { name: string; _attachments: Record<string, unknown> };
    assert.equal(stored.name, '旧订单（已改）');
    assert.deepEqual(Object.keys(stored._attachments).sort(), ['../../../../etc/passwd', '图纸.pdf']);
    assert.equal(Buffer.from(await crm.pouch.getAttachment('deal-legacy', '../../../../etc/passwd') as Buffer).toString(), 'root:x:0:0');
  });
});

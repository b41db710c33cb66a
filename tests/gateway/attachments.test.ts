import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { SERVER_USER } from '../../design/user.js';
import { localReplica } from '../helpers/sync-client.js';
import { gatewayWorld, saved, type GatewayWorld } from './gateway-fixture.js';

const MB = 1024 * 1024;
const file = (bytes: Buffer) => ({ content_type: 'application/pdf', data: bytes.toString('base64') });

describe('gateway: files are checked like the rest of the document', () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: 'Alice', access: { crm: 'editor' } }]);
  });
  after(async () => {
    await world.close();
  });

  test('files on a form that takes none, or too large, are denied; a deal\'s contract lands byte for byte', async () => {
    const alice = await world.signIn('Alice');
    const local = localReplica('alice-files');
    const contract = Buffer.from('%PDF-1.4 合同 第一条', 'utf8');
    await local.bulkDocs([
      saved('Alice', { _id: 'cust-files', form: 'Customer', name: '宁波泵阀', _attachments: { 'a.pdf': file(contract) } }),
      saved('Alice', { _id: 'deal-huge', form: 'Deal', name: '大订单', customerId: 'c1', _attachments: { '图纸.pdf': file(Buffer.alloc(10 * MB + 1)) } }),
      saved('Alice', { _id: 'deal-ok', form: 'Deal', name: '框架订单', customerId: 'c1', _attachments: { '合同（盖章）.pdf': file(contract) } }),
    ] as never[]);
    const denied: { id: string; reason: string }[] = [];
    await local.replicate.to(world.remote(alice)).on('denied', (error) => {
      const { id, message, reason } = error as { id?: string; message?: string; reason?: string };
      denied.push({ id: String(id), reason: String(reason ?? message) });
    });
    assert.deepEqual(denied.map((d) => d.id).sort(), ['cust-files', 'deal-huge']);
    assert.match(denied.find((d) => d.id === 'cust-files')!.reason, /do not take files/);
    assert.match(denied.find((d) => d.id === 'deal-huge')!.reason, /图纸\.pdf.*larger than the 10\.0 MB allowed per file/);
    const crm = world.running.store.database('crm');
    assert.deepEqual(Buffer.from(await crm.pouch.getAttachment('deal-ok', '合同（盖章）.pdf') as Buffer), contract);
    await assert.rejects(crm.pouch.get('cust-files'), { status: 404 });
  });

  test('a person files received mail with its files (sent back in full by replication) but cannot change them', async () => {
    const crm = world.running.store.database('crm');
    await crm.save({
      _id: 'mail-in', form: 'MailMessage', direction: 'in', status: 'received', subject: '询价', authors: ['Alice'],
      _attachments: { '询价单.pdf': file(Buffer.from('%PDF 询价')) },
    }, { now: '2026-03-01T08:00:00.000Z', user: SERVER_USER });
    const alice = await world.signIn('Alice');
    const local = localReplica('alice-mail');
    await local.replicate.from(world.remote(alice));
    const received = await local.get('mail-in');
    await local.put(saved('Alice', { ...received, tags: ['报价'] }, received) as never);
    const denied: string[] = [];
    const push = () => local.replicate.to(world.remote(alice)).on('denied', (error) => denied.push(String((error as { message?: string }).message)));
    await push();
    assert.deepEqual(denied, []);
    assert.deepEqual((await crm.get('mail-in')).tags, ['报价']);

    const tagged = await local.get('mail-in');
    await local.put(saved('Alice', { ...tagged, _attachments: { ...tagged._attachments, 'extra.pdf': file(Buffer.from('x')) } }, tagged) as never);
    await push();
    assert.match(denied.join(), /attachments of this e-mail cannot be changed/);
  });
});

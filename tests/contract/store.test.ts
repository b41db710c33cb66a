import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { GuanxiError } from '../../engine/errors.js';
import { deployDesignDocs } from '../../server/store/deploy-design-docs.js';
import { viewsOf } from '../../views/catalog.js';
import { ENGINES, openTestStore, saveContext, type TestStore } from '../helpers/test-store.js';

for (const engine of ENGINES) {
  describe(`store contract: ${engine}`, () => {
    let t: TestStore;
    before(async () => {
      t = await openTestStore(engine);
    });
    after(async () => {
      await t.cleanup();
    });
    const crm = () => t.store.database('crm');

    test('a saved customer comes back with defaults, timestamps and pinyin keys', async () => {
      const saved = await crm().save({ form: 'Customer', name: '重庆钢铁集团', region: '西南' }, saveContext());
      assert.match(saved._id, /^[0-9a-z]{22}$/);
      assert.match(saved._rev, /^1-/);
      assert.equal(saved.category, 'potential');
      assert.equal(saved.created, '2026-03-01T09:00:00.000Z');
      assert.equal(saved.createdBy, 'Li Lei');
      assert.deepEqual(saved.authors, ['Li Lei']);
      assert.equal((saved.$sort as Record<string, string>).name, 'chong2qing4gang1tie3ji2tuan2');
      assert.equal((saved.$initials as Record<string, string>).name, 'cqgtjt');
      const again = await crm().get(saved._id);
      assert.deepEqual(again, saved);
    });

    test('an update keeps who created the document and records who changed it', async () => {
      const first = await crm().save({ _id: 'keep-created', form: 'Customer', name: 'Acme' }, saveContext());
      const second = await crm().save(
        { ...first, name: 'Acme Ltd', created: '1999-01-01T00:00:00.000Z', createdBy: 'forger' },
        saveContext('2026-03-02T10:00:00.000Z', 'Wang Fang'),
      );
      assert.equal(second.created, first.created);
      assert.equal(second.createdBy, 'Li Lei');
      assert.equal(second.modifiedBy, 'Wang Fang');
      assert.equal(second.name, 'Acme Ltd');
    });

    test('a document that fails validation is refused with field errors and nothing is stored', async () => {
      const before = (await crm().info()).docCount;
      await assert.rejects(crm().save({ _id: 'no-name', form: 'Customer', email: 'not-an-address' }, saveContext()), (error: unknown) => {
        assert.ok(error instanceof GuanxiError);
        assert.equal(error.status, 400);
        assert.deepEqual(error.fields?.map((f) => f.field).sort(), ['email', 'name']);
        assert.match(error.fields!.find((f) => f.field === 'name')!.message.zh, /请填写/);
        return true;
      });
      assert.equal((await crm().info()).docCount, before);
      await assert.rejects(crm().get('no-name'), { status: 404 });
    });

    test('malformed and reserved ids are refused with a clear error', async () => {
      for (const id of ['', '_design/evil', '_local/x', 'has space', 'a/b', '张三', 'x'.repeat(201)]) {
        await assert.rejects(crm().save({ _id: id, form: 'Customer', name: 'X' }, saveContext()), (error: unknown) => {
          assert.ok(error instanceof GuanxiError, `id ${JSON.stringify(id)}`);
          assert.equal(error.error, 'illegal_docid');
          return true;
        });
      }
      await assert.rejects(crm().get('_design/customers-by-region'), { error: 'illegal_docid' });
    });

    test('saving over a stale revision is a conflict and leaves the document as it was', async () => {
      const v1 = await crm().save({ _id: 'conflicted', form: 'Customer', name: 'One' }, saveContext());
      const v2 = await crm().save({ ...v1, name: 'Two' }, saveContext());
      await assert.rejects(crm().save({ ...v1, name: 'Stale' }, saveContext()), { status: 409, error: 'conflict' });
      await assert.rejects(crm().save({ _id: 'conflicted', form: 'Customer', name: 'Blind' }, saveContext()), { status: 409 });
      assert.equal((await crm().get('conflicted'))._rev, v2._rev);
      assert.equal((await crm().get('conflicted')).name, 'Two');
    });

    test('one bad document in a batch is refused on its own; the rest are saved', async () => {
      const results = await crm().saveMany([
        { _id: 'batch-1', form: 'Customer', name: '甲公司' },
        { _id: 'batch-2', form: 'Customer' },
        { _id: 'bad id', form: 'Customer', name: 'X' },
        { _id: 'batch-3', form: 'Nonsense', name: 'X' },
        { _id: 'batch-4', form: 'Contact', name: '张三', customerId: 'batch-1' },
      ], saveContext());
      assert.deepEqual(results.map((r) => r.ok), [true, false, false, false, true]);
      assert.deepEqual(results.map((r) => (r.ok ? null : r.error)), [null, 'invalid', 'illegal_docid', 'invalid', null]);
      assert.equal((await crm().get('batch-4')).name, '张三');
      await assert.rejects(crm().get('batch-2'), { status: 404 });
    });

    test('a large batch refuses its bad documents on their own', async () => {
      const docs = Array.from({ length: 600 }, (_, i) => ({ _id: `bulk-${i}`, form: 'Customer', name: `批量客户${i}`, region: '华南' }));
      docs[17] = { _id: 'bulk-17', form: 'Customer', name: '' } as never;
      docs[450] = { _id: 'bad id 450', form: 'Customer', name: 'X', region: '华南' };
      const results = await crm().saveMany(docs, saveContext());
      assert.equal(results.length, 600);
      assert.deepEqual(results.flatMap((r, i) => (r.ok ? [] : [[i, r.error]])), [[17, 'invalid'], [450, 'illegal_docid']]);
      assert.equal(results.filter((r) => r.ok).length, 598);
      const saved = await crm().get('bulk-599');
      assert.equal((saved.$sort as Record<string, string>).name, 'pi1liang4ke4hu4599');
    });

    test('documents saved without an id get new ids and first revisions, and are edited like any other', async () => {
      const results = await crm().saveMany([
        { form: 'Customer', name: '宁波无编号阀门' },
        { form: 'Customer', name: '' },
        { form: 'Customer', name: 'Unnamed Valves Ltd' },
      ], saveContext());
      assert.deepEqual(results.map((r) => (r.ok ? 'ok' : r.error)), ['ok', 'invalid', 'ok']);
      const [first, , second] = results as { id: string; rev: string }[];
      assert.notEqual(first!.id, second!.id);
      assert.match(first!.rev, /^1-[0-9a-f]{32}$/);
      const stored = await crm().get(first!.id);
      assert.equal(stored._rev, first!.rev);
      assert.equal((stored.$sort as Record<string, string>).name, 'ning2bo1wu2bian1hao4fa2men2');
      const edited = await crm().save({ ...stored, city: '宁波' }, saveContext());
      assert.match(edited._rev, /^2-/);
      await assert.rejects(crm().save({ ...stored, city: '杭州' }, saveContext()), { status: 409 });
      assert.equal((await crm().get(first!.id)).city, '宁波');
    });

    test('a removed document is gone; removing with a stale revision is a conflict', async () => {
      const doc = await crm().save({ _id: 'to-remove', form: 'Customer', name: 'Gone' }, saveContext());
      await assert.rejects(crm().remove('to-remove', '1-00000000000000000000000000000000', saveContext()), { status: 409 });
      await crm().remove('to-remove', doc._rev, saveContext());
      await assert.rejects(crm().get('to-remove'), { status: 404 });
    });

    test('design documents are deployed once and left alone when unchanged', async () => {
      const pouch = crm().pouch;
      const ddoc = await pouch.get('_design/customers-by-region');
      const report = await deployDesignDocs('crm', pouch);
      assert.deepEqual(report.written, []);
      assert.deepEqual(report.unchanged.sort(), viewsOf('crm').map((v) => v.designDocId).sort());
      assert.equal((await pouch.get('_design/customers-by-region'))._rev, ddoc._rev);
      await t.reopen();
      assert.equal((await t.store.database('crm').pouch.get('_design/customers-by-region'))._rev, ddoc._rev);
    });

    test('a design document that differs from views/ is replaced on start', async () => {
      const pouch = crm().pouch;
      const ddoc = await pouch.get('_design/customers-by-name');
      await pouch.put({ ...ddoc, views: { rows: { map: 'function (doc) { emit(1, 1); }' } } } as never);
      await pouch.put({ _id: '_design/retired-view', views: {}, guanxi: { view: 'retired-view' } } as never);
      const report = await deployDesignDocs('crm', pouch);
      assert.deepEqual(report.written, ['_design/customers-by-name']);
      assert.deepEqual(report.removed, ['_design/retired-view']);
      const fixed = (await pouch.get('_design/customers-by-name')) as unknown as { views: unknown };
      assert.deepEqual(fixed.views, viewsOf('crm').find((v) => v.id === 'customers-by-name')!.designDoc.views);
    });
  });
}

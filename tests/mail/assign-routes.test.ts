import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Doc } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import { seedDirectory } from '../helpers/directory-seed.js';
import { SessionClient } from '../helpers/session-client.js';
import { withServer } from '../server/fixtures.js';

const CTX = { now: '2026-03-03T09:00:00.000Z', user: SERVER_USER };

function lead(id: string, extra: Doc = {}): Doc {
  return { _id: id, form: 'MailMessage', direction: 'in', status: 'received', from: 'wang@buyer.cn', fromName: '王经理', to: ['sales@guanxi-trading.cn'], subject: '询价', body: '请报价', lead: true, owner: [], readers: [], authors: ['[Manager]'], ...extra };
}

describe('filing a message by hand', () => {
  it('assigns a message to a contact, or makes a contact of its sender, with the rights of who asks', () => withServer(async ({ store, directory, url }) => {
    await seedDirectory(store, directory, [
      { name: 'Zhao Min', password: 'manager-pw-1', roles: ['[Manager]'], access: { crm: 'editor' } },
      { name: 'Li Lei', password: 'sales-pw-12', roles: ['[Sales]'], access: { crm: 'author' } },
    ]);
    const crm = store.database('crm');
    await crm.save({ _id: 'customer-buyer', form: 'Customer', name: '宁波买家贸易', category: 'existing', owner: ['Li Lei'], readers: ['Li Lei', '[Manager]'], authors: ['Li Lei'] }, CTX);
    await crm.save({ _id: 'contact-chen', form: 'Contact', name: '陈经理', customerId: 'customer-buyer', emails: ['chen@buyer.cn'] }, CTX);
    await crm.save(lead('mail-1'), CTX);
    await crm.save(lead('mail-2'), CTX);
    await crm.save(lead('mail-3', { owner: ['Li Lei'], readers: ['Li Lei', '[Manager]'], authors: ['Li Lei', '[Manager]'] }), CTX);
    await crm.save(lead('mail-secret', { readers: ['Someone Else'], authors: [] }), CTX);

    const manager = new SessionClient(url);
    await manager.signIn('Zhao Min', 'manager-pw-1');
    const assigned = await manager.request('POST', '/api/mail/messages/mail-1/assign', { contactId: 'contact-chen' });
    assert.equal(assigned.status, 200, JSON.stringify(assigned.body));
    assert.equal(assigned.body?.addressAdded, true);
    const filed = await crm.get('mail-1');
    assert.equal(filed.customerId, 'customer-buyer');
    assert.equal(filed.customerName, '宁波买家贸易');
    assert.equal(filed.contactName, '陈经理');
    assert.equal(filed.lead, false);
    assert.deepEqual(filed.readers, ['Li Lei', '[Manager]'], 'the message takes its customer\'s access');
    assert.equal(filed.modifiedBy, 'Zhao Min');
    assert.deepEqual((await crm.get('contact-chen')).emails, ['chen@buyer.cn', 'wang@buyer.cn'], 'the next message from this address files itself');

    const sales = new SessionClient(url);
    await sales.signIn('Li Lei', 'sales-pw-12');
    assert.equal((await sales.request('POST', '/api/mail/messages/mail-2/assign', { contactId: 'contact-chen' })).status, 403, 'an Author files only leads routed to them');
    const made = await sales.request('POST', '/api/mail/messages/mail-3/contact', { customerId: 'customer-buyer' });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const contact = made.body?.contact as Doc;
    assert.equal(contact.name, '王经理');
    assert.deepEqual(contact.emails, ['wang@buyer.cn']);
    assert.equal((await crm.get('mail-3')).contactId, contact._id);

    assert.equal((await sales.request('POST', '/api/mail/messages/mail-secret/assign', { contactId: 'contact-chen' })).status, 404, 'a message one may not read does not exist for them');
    assert.equal((await sales.request('POST', '/api/mail/messages/nothing/assign', { contactId: 'contact-chen' })).status, 404);
    const missing = await sales.request('POST', '/api/mail/messages/mail-3/assign', {});
    assert.equal(missing.status, 400);
    assert.match(String(missing.body?.reason), /contactId is required/);
    assert.equal((await new SessionClient(url).request('POST', '/api/mail/messages/mail-2/assign', { contactId: 'contact-chen' })).status, 401);
  }));
  it('lists the templates in the contact\'s language, all of them when it has none', () => withServer(async ({ store, directory, url }) => {
    await seedDirectory(store, directory, [{ name: 'Li Lei', password: 'sales-pw-12', roles: ['[Sales]'], access: { crm: 'author' } }]);
    const crm = store.database('crm');
    await crm.save({ _id: 'contact-hans', form: 'Contact', name: 'Hans Müller', customerId: 'customer-nord', emails: ['hans@nordwerk.de'], language: 'en' }, CTX);
    await crm.save({ _id: 'contact-zhang', form: 'Contact', name: '张伟', customerId: 'customer-nord', emails: ['zhang@nordwerk.de'], language: 'zh' }, CTX);
    await crm.save({ _id: 'contact-any', form: 'Contact', name: 'Pat Lee', customerId: 'customer-nord', emails: ['pat@nordwerk.de'] }, CTX);
    await crm.save({ _id: 'tpl-zh', form: 'MailTemplate', name: '报价', language: 'zh', subject: '{{客户}}报价', body: '{{联系人}}您好' }, CTX);
    await crm.save({ _id: 'tpl-en', form: 'MailTemplate', name: 'Quotation', language: 'en', subject: 'Quotation', body: 'Dear {{contactName}}' }, CTX);
    const sales = new SessionClient(url);
    await sales.signIn('Li Lei', 'sales-pw-12');
    const names = async (query: string) => {
      const answer = await sales.request('GET', `/api/mail/templates${query}`);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (answer.body?.templates as { name: string }[]).map((t) => t.name).sort();
    };
    assert.deepEqual(await names('?contactId=contact-hans'), ['Quotation']);
    assert.deepEqual(await names('?contactId=contact-zhang'), ['报价']);
    assert.deepEqual(await names('?contactId=contact-any'), ['Quotation', '报价']);
    assert.deepEqual(await names(''), ['Quotation', '报价']);
    assert.equal((await sales.request('GET', '/api/mail/templates?contactId=no-such')).status, 404);
  }));
});

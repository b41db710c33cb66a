import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { composeFrom, followUpFrom, forwardOf, fromTemplate, isWrittenField, prefixedSubject, replyTo, sendErrors } from '../../client/controllers/mail-drafts.js';

const received = {
  _id: 'mail-1', form: 'MailMessage', direction: 'in', status: 'received', from: 'hans@nordwerk.de', fromName: 'Hans Müller',
  to: ['sales@guanxi-trading.cn'], subject: '询价：不锈钢球阀 DN50', body: 'Bitte um Angebot.\n400 Stück', messageId: 'inq-1@nordwerk.de',
  references: ['first@nordwerk.de'], threadId: 'mail-first', customerId: 'c1', customerName: '汉堡北方阀门', contactId: 'p1', contactName: 'Hans Müller',
};

describe('mail drafts written from documents and messages', () => {
  test('a message from a contact is filed on the contact and its customer and addressed to its first address', () => {
    const draft = composeFrom({ _id: 'p1', form: 'Contact', name: '张伟', emails: ['zhang.wei@nordwerk.de', 'zw@gmail.com'], customerId: 'c1', customerName: '汉堡北方阀门', readers: ['[Sales]'] });
    assert.deepEqual(draft, {
      direction: 'out', status: 'draft', customerId: 'c1', customerName: '汉堡北方阀门', readers: ['[Sales]'],
      contactId: 'p1', contactName: '张伟', to: ['zhang.wei@nordwerk.de'], toNames: ['张伟'],
    });
  });

  test('a reply goes to the sender, in the thread, quoting the original, with "Re: " once and Chinese kept', () => {
    const reply = replyTo(received, 'On 3 Mar, Hans wrote:');
    assert.deepEqual(reply.to, ['hans@nordwerk.de']);
    assert.equal(reply.subject, 'Re: 询价：不锈钢球阀 DN50');
    assert.equal(reply.inReplyTo, 'inq-1@nordwerk.de');
    assert.deepEqual(reply.references, ['first@nordwerk.de', 'inq-1@nordwerk.de']);
    assert.equal(reply.body, '\n\nOn 3 Mar, Hans wrote:\n> Bitte um Angebot.\n> 400 Stück');
    assert.equal(reply.contactId, 'p1');
    assert.equal(prefixedSubject('Re', '回复：报价'), '回复：报价');
    assert.equal(prefixedSubject('Re', 'RE: quote'), 'RE: quote');
  });

  test('a forward keeps the text, is addressed to no one yet, and says "Fwd: "', () => {
    const forward = forwardOf(received, '---- 转发的邮件 ----');
    assert.equal(forward.subject, 'Fwd: 询价：不锈钢球阀 DN50');
    assert.equal(forward.to, undefined);
    assert.match(String(forward.body), /转发的邮件[\s\S]*Bitte um Angebot\.\n400 Stück$/);
    assert.equal(prefixedSubject('Fwd', '转发：样品'), '转发：样品');
  });

  test('a template is filled with the contact, the company and the salesperson, by either name of a field', () => {
    const filled = fromTemplate({ subject: '{{客户}} 报价', body: 'Dear {{contactName}},\n{{业务员}} / {{unknown}}' },
      { contactName: 'Hans Müller', customerName: '汉堡北方阀门' }, '王芳');
    assert.deepEqual(filled, { subject: '汉堡北方阀门 报价', body: 'Dear Hans Müller,\n王芳 / {{unknown}}' });
  });

  test('a message without a recipient or with a bad address is not queued, and says why in both languages', () => {
    assert.deepEqual(sendErrors({ to: [] }).map((e) => [e.field, e.message.zh]), [['to', '请填写收件人的电子邮件地址']]);
    const [bad] = sendErrors({ to: ['hans@nordwerk.de'], cc: ['张伟 at nordwerk'] });
    assert.equal(bad?.field, 'cc');
    assert.match(bad!.message.en, /Not a valid e-mail address: 张伟 at nordwerk/);
    assert.deepEqual(sendErrors({ to: ['hans@nordwerk.de'] }), []);
  });

  test('a message being written shows what a person writes; a sent one, every field', () => {
    const draft = { form: 'MailMessage', direction: 'out', status: 'draft' };
    assert.deepEqual(['to', 'subject', 'body', 'status', 'inReplyTo', 'attempts'].map((f) => isWrittenField(draft, f)), [true, true, true, false, false, false]);
    assert.equal(isWrittenField({ ...draft, status: 'sent' }, 'status'), true);
  });

  test('a follow-up mail scheduled from a contact goes to their first address at 09:00 tomorrow where they are', () => {
    const contact = { _id: 'p1', form: 'Contact', name: 'Hans Müller', emails: ['hans@nordwerk.de', 'h.m@web.de'], customerId: 'c1', customerName: '汉堡北方阀门', timeZone: 'Europe/Berlin', readers: ['Li Lei'] };
    assert.deepEqual(followUpFrom(contact, new Date('2026-03-02T15:00:00.000Z'), 'Li Lei'), {
      kind: 'followUpMail', status: 'pending', due: '2026-03-03T08:00:00.000Z', customerId: 'c1', customerName: '汉堡北方阀门', readers: ['Li Lei'],
      contactId: 'p1', contactName: 'Hans Müller', owner: ['Li Lei'], to: ['hans@nordwerk.de'], toNames: ['Hans Müller'],
    });
    assert.equal(followUpFrom({ _id: 'p2', form: 'Contact', name: '王经理' }, new Date('2026-03-02T15:00:00.000Z'), 'Li Lei').due, '2026-03-03T01:00:00.000Z', 'the company’s zone when the contact has none');
  });
});

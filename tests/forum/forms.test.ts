import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { personDocId } from '../../design/access/directory-ids.js';
import type { Doc } from '../../design/form.js';
import { prepareForSave } from '../../design/prepare-doc.js';
import { SERVER_USER, type UserContext } from '../../design/user.js';
import { validate } from '../../design/validate.js';

const NOW = '2026-03-10T08:00:00.000Z';
const user: UserContext = { name: '王芳', roles: [] };
const save = (doc: Doc, old: Doc | null = null, by: UserContext = user) => prepareForSave(doc, old, { now: NOW, user: by });
const errors = (doc: Doc, old: Doc | null = null, by: UserContext = user) => validate(save(doc, old, by), old, by).map((e) => `${e.field}: ${e.message.en}`);

describe('customer service and library forms', () => {
  test('each customer-service record is on the timeline at the time it happened', () => {
    const customer = { customerId: 'c1', customerName: '汉堡贸易' };
    assert.equal(save({ form: 'Support', ...customer, question: '如何更换密封圈？', asked: '2026-03-01T10:00:00.000Z' }).timelineDate, '2026-03-01T10:00:00.000Z');
    const service = save({ form: 'Service', ...customer, subject: '现场调试', kind: 'onSite', content: '调试两台设备' });
    assert.deepEqual([service.time, service.timelineDate, service.servedBy], [NOW, NOW, ['王芳']]);
    assert.deepEqual(errors({ form: 'Service', ...customer, subject: 'x', kind: 'fax', content: 'y' }), ['kind: Kind: “fax” is not one of the choices (choose from On site, Phone, Remote)']);
  });

  test('a complaint is filed as new; its workflow fields are the server\'s', () => {
    const complaint = { form: 'Complaint', subject: '漏水', customerId: 'c1', category: 'quality', aboutKind: 'product', about: '球阀', description: '漏水', manager: ['张经理'] };
    const filed = save(complaint);
    assert.deepEqual([filed.status, filed.received, filed.timelineDate], ['new', NOW, NOW]);
    assert.deepEqual(filed.authors, ['王芳', '张经理', '[Manager]']);
    assert.deepEqual(errors({ ...complaint, status: 'closed' }), ['status: Complaint steps are taken through the server, which records who took them and when']);
    assert.deepEqual(errors({ ...complaint, steps: [{ action: 'close', by: '王芳', at: NOW }] }).length, 1);
    assert.deepEqual(errors({ ...filed, description: '漏水，共 12 只' }, filed), [], 'its description may be corrected');
    assert.deepEqual(errors({ ...filed, status: 'assigned', department: '售后部' }, filed, SERVER_USER), []);
  });

  test('nobody may be given the server\'s role', () => {
    const person = { _id: personDocId('张三'), form: 'Person', name: '张三', roles: ['[Sales]', '[Server]'] };
    assert.match(errors(person).join(), /The role \[Server\] belongs to the server alone/);
    const acl = { _id: 'acl-crm', form: 'ACL', db: 'crm', defaultLevel: 'noAccess', entries: [{ name: '张三', level: 'author', roles: ['[Server]'] }] };
    assert.match(errors(acl).join(), /belongs to the server alone/);
  });

  test('an interest profile is one\'s own, readable by oneself only', () => {
    const mine = save({ form: 'InterestProfile', words: ['报价'] });
    assert.deepEqual([mine.owner, mine.readers, mine.authors, mine.delivery], [['王芳'], ['王芳'], ['王芳'], 'each']);
    assert.match(errors({ form: 'InterestProfile', owner: ['张三'] }).join(), /only create your own/);
    assert.match(errors({ ...mine, owner: ['张三'] }, mine).join(), /owner of a profile cannot change/);
    assert.match(errors({ form: 'InterestProfile', owner: ['王芳', '张三'] }).join(), /belongs to one person/);
  });

  test('library documents: products with prices, competitor products under their competitor', () => {
    assert.deepEqual(errors({ form: 'Product', name: '不锈钢球阀', code: 'BV-50', category: ['阀门'], model: 'DN50', price: 12.5 }), []);
    assert.match(errors({ form: 'Product', name: '球阀', price: -1 }).join(), /Price must be within 0/);
    assert.match(errors({ form: 'CompetitorProduct', name: 'X' }).join(), /must name its parent/);
    assert.deepEqual(errors({ form: 'QA', question: '保修期多久？', answer: '两年', category: ['售后'] }), []);
  });
});

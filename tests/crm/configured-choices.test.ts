import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { settingsIdsFor, withConfiguredChoices } from '../../design/configured-choices.js';
import { customerForm } from '../../design/forms/customer.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import { gatewayWorld, saved, type GatewayWorld } from '../gateway/gateway-fixture.js';
import { localReplica } from '../helpers/sync-client.js';

const ctx = { user: SERVER_USER, now: '2026-03-02T10:00:00.000Z' };

describe('choices configured in the CRM settings, on the server: its own saves and what workstations send', () => {
  let world: GatewayWorld;
  before(async () => {
    world = await gatewayWorld([{ name: '王芳', access: { crm: 'author' } }]);
  });
  after(async () => {
    await world.close();
  });
  const crm = () => world.running.store.database('crm');

  test('which settings a save reads, and a form’s fields with the configured choices in them', () => {
    assert.deepEqual(settingsIdsFor([{ form: 'Customer' }, { form: 'Deal' }, { form: 'Notice' }]), [CRM_SETTINGS_ID]);
    assert.deepEqual(settingsIdsFor([{ form: 'Notice' }, { form: 'MailMessage' }, { _deleted: true, form: 'Customer' }]), [], 'most writes read nothing more');
    const settings = { customFields: ['付款方式'], customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }] };
    const lookup = (id: string) => (id === CRM_SETTINGS_ID ? settings : null);
    assert.deepEqual(withConfiguredChoices(customerForm.fields.category, lookup).choices!.at(-1), { value: '展会意向', label: { zh: '展会意向', en: 'Trade-fair lead' } });
    assert.deepEqual(withConfiguredChoices(customerForm.fields.customFields, lookup).columns!.name!.choices, [{ value: '付款方式', label: { zh: '付款方式', en: '付款方式' } }]);
  });

  test('a category is taken once an administrator adds it, by the server and from a workstation; another is refused with the choices named', async () => {
    await assert.rejects(crm().save({ form: 'Customer', name: '展会客户', category: '展会意向' }, ctx), (error: unknown) =>
      error instanceof GuanxiError && error.kind === 'invalid' && /“展会意向” is not one of the choices \(choose from Existing, Potential, Partner, Agent\)/.test(error.reason));
    await crm().save({ _id: CRM_SETTINGS_ID, form: 'CrmSettings', customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }] }, ctx);
    assert.equal((await crm().save({ form: 'Customer', name: '展会客户', category: '展会意向' }, ctx)).category, '展会意向');

    const local = localReplica('wang-choices');
    await local.bulkDocs([
      saved('王芳', { _id: 'fair-lead', form: 'Customer', name: '广交会客户', category: '展会意向' }),
      saved('王芳', { _id: 'old-friend', form: 'Customer', name: '老朋友公司', category: '老朋友' }),
    ] as never[]);
    const denied: { id?: string; reason?: string }[] = [];
    await local.replicate.to(world.remote(await world.signIn('王芳'))).on('denied', (error) => denied.push(error as { id?: string; reason?: string }));
    assert.equal((await crm().get('fair-lead')).category, '展会意向');
    assert.deepEqual(denied.map((d) => d.id), ['old-friend']);
    assert.match(String(denied[0]!.reason), /category: Category: “老朋友” is not one of the choices \(choose from Existing, Potential, Partner, Agent, Trade-fair lead\)/);
  });
});

import { CRM_SETTINGS_ID } from '../../design/forms/crm-settings.js';
import { SERVER_USER } from '../../design/user.js';
import { savePerson, setAclEntry } from '../directory/directory-edits.js';
import type { Logger } from '../log.js';
import type { Store } from '../store/store.js';
import { MANAGER, SALESPEOPLE } from './demo-catalogue.js';
import { DEMO_READER_ROLES, demoRecords } from './demo-data.js';
import { demoTargets } from './demo-targets.js';
import { SALES_TARGETS_ID } from '../../design/forms/sales-targets.js';

/**
 * Loads the demo company (`npm start -- --demo`): its salespeople and sales director in the
 * directory, CRM settings, and the records of demoRecords that are not there yet, so loading
 * twice adds nothing. The server numbers the customers and deals as it follows the changes.
 */
export async function loadDemo(store: Store, logger: Logger, today: string): Promise<number> {
  const ctx = { user: SERVER_USER, now: `${today}T00:00:00.000Z` };
  const names = store.database('names');
  for (const person of [...SALESPEOPLE, MANAGER]) {
    const { name, ...fields } = person;
    const manager = person === MANAGER;
    await savePerson(names, name, { ...fields, roles: manager ? ['[Manager]'] : ['[Sales]'] }, ctx);
    await setAclEntry(names, 'crm', { name, level: manager ? 'editor' : 'author', roles: manager ? ['[Manager]'] : [] }, ctx);
  }
  const crm = store.database('crm');
  const records = demoRecords(today);
  const wanted = [
    {
      by: SERVER_USER.name,
      doc: {
        _id: CRM_SETTINGS_ID, form: 'CrmSettings', readerRoles: DEMO_READER_ROLES, customerCategories: [{ zh: '展会意向', en: 'Trade-fair lead' }],
        baseCurrency: 'CNY', exchangeRates: [{ currency: 'USD', rate: 7.1 }, { currency: 'EUR', rate: 7.8 }, { currency: 'GBP', rate: 9.1 }],
      },
    },
    { by: SERVER_USER.name, doc: { _id: SALES_TARGETS_ID, form: 'SalesTargets', seeAllRoles: DEMO_READER_ROLES, targets: demoTargets(records, today) } },
    ...records,
  ];
  const { rows } = await crm.pouch.allDocs({ keys: wanted.map((r) => r.doc._id!) });
  const present = new Set(rows.flatMap((row) => ('value' in row && row.value && !row.value.deleted ? [row.key] : [])));
  const missing = wanted.filter((r) => !present.has(r.doc._id!));
  let saved = 0;
  for (const by of new Set(missing.map((r) => r.by))) {
    const user = by === SERVER_USER.name ? SERVER_USER : { name: by, roles: [by === MANAGER.name ? '[Manager]' : '[Sales]'] };
    const results = await crm.saveMany(missing.filter((r) => r.by === by).map((r) => r.doc), { user, now: ctx.now });
    for (const result of results) {
      if (result.ok) saved++;
      else logger.warn({ id: result.id, reason: result.reason }, 'demo: a record was refused');
    }
  }
  logger.info({ saved, alreadyThere: wanted.length - missing.length }, 'demo data loaded');
  return saved;
}

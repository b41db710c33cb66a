import { aclDocId } from '../../design/access/directory-ids.js';
import type { Choice, Doc, SaveContext } from '../../design/form.js';
import { bilingualRows, CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { CUSTOMER_SOURCES } from '../../design/forms/customer.js';
import { choiceByName } from '../../design/reference/choice-by-name.js';
import { countryCode } from '../../design/reference/countries.js';
import { INDUSTRIES } from '../../design/reference/industries.js';
import { provinceCode } from '../../design/reference/provinces.js';
import type { Logger } from '../log.js';
import type { Database, Store } from '../store/store.js';
import { saveNoticeOnce } from './save-notice-once.js';

/** Marks the upgrade done on this database (a `_local` document: never replicated, not a record). */
export const REFERENCE_UPGRADE_ID = '_local/upgrade-reference-data';
/** The notice that tells the CRM's Managers what was left as written. */
export const REFERENCE_UPGRADE_NOTICE_ID = 'upgrade-reference-data';

const PAGE = 500;

/** A value that names no entry of its list: kept as written, on this many customers. */
export interface UnrecognisedValue {
  readonly field: 'country' | 'province' | 'industry' | 'source';
  readonly value: string;
  readonly customers: number;
}

export interface ReferenceUpgradeReport {
  /** Customers whose values were replaced by codes. */
  readonly mapped: number;
  readonly unrecognised: readonly UnrecognisedValue[];
  /** Customers that could not be saved (changed meanwhile, or refused): their values stay as they were. */
  readonly failed: readonly string[];
}

type Recognise = (text: string) => string | undefined;

/** How each field's free text reads as a code, with the lists the settings extend. */
function recognisers(settings: Doc | null): Readonly<Record<UnrecognisedValue['field'], Recognise>> {
  const named = (choices: readonly Choice[]): Recognise => (text) => choiceByName(choices, text)?.value;
  return {
    country: countryCode,
    province: provinceCode,
    industry: named([...INDUSTRIES, ...bilingualRows(settings, 'industries')]),
    source: named([...CUSTOMER_SOURCES, ...bilingualRows(settings, 'customerSources')]),
  };
}

/**
 * Installs from before reference data kept country, province, industry and source as free text
 * (德国, Germany, DE as three categories). Once per database: every customer's values that name an
 * entry of their list are replaced by its code; those that do not are kept as written and reported
 * (logged, and a notice to the CRM's Managers), so an administrator can add them to the CRM
 * settings or correct the customers. Safe to run again or on two servers at once: a mapped value
 * maps to itself, and a customer changed meanwhile is left for its next save to map.
 */
export async function upgradeReferenceData(store: Store, ctx: () => SaveContext, logger?: Logger, signal?: AbortSignal): Promise<ReferenceUpgradeReport | null> {
  const crm = store.database('crm');
  if (await hasLocal(crm, REFERENCE_UPGRADE_ID)) return null;
  const recognise = recognisers(await crm.find(CRM_SETTINGS_ID));
  const unrecognised = new Map<string, UnrecognisedValue>();
  const failed: string[] = [];
  let mapped = 0;
  for await (const customer of customers(crm)) {
    // Stopped (the server closes): not marked done, the next start goes on where mapping is still needed.
    if (signal?.aborted) return null;
    const changes: Record<string, string> = {};
    for (const [field, read] of Object.entries(recognise) as [UnrecognisedValue['field'], Recognise][]) {
      const value = customer[field];
      if (typeof value !== 'string' || value.trim() === '') continue;
      const code = read(value);
      if (code === undefined) {
        const key = `${field}\n${value}`;
        unrecognised.set(key, { field, value, customers: (unrecognised.get(key)?.customers ?? 0) + 1 });
      } else if (code !== value) {
        changes[field] = code;
      }
    }
    if (Object.keys(changes).length === 0) continue;
    try {
      await crm.save({ ...customer, ...changes }, ctx());
      mapped++;
    } catch {
      failed.push(String(customer._id));
    }
  }
  const report: ReferenceUpgradeReport = { mapped, unrecognised: [...unrecognised.values()], failed };
  if (report.unrecognised.length > 0 || failed.length > 0) await tellManagers(store, report, ctx(), logger);
  logger?.[report.unrecognised.length > 0 || failed.length > 0 ? 'warn' : 'info']({ ...report, unrecognised: report.unrecognised.slice(0, 50) }, 'customers\' countries, provinces, industries and sources upgraded to codes');
  try {
    await crm.pouch.put({ _id: REFERENCE_UPGRADE_ID, done: ctx().now, mapped, unrecognised: report.unrecognised.length, failed: failed.length });
  } catch (error) {
    // Another server finished it a moment ago.
    if ((error as { status?: number }).status !== 409) throw error;
  }
  return report;
}

async function hasLocal(crm: Database, id: string): Promise<boolean> {
  try {
    await crm.pouch.get(id);
    return true;
  } catch (error) {
    if ((error as { status?: number }).status === 404) return false;
    throw error;
  }
}

async function* customers(crm: Database): AsyncGenerator<Doc> {
  let startkey: string | undefined;
  for (;;) {
    const page = await crm.pouch.allDocs({ include_docs: true, limit: PAGE + 1, ...(startkey === undefined ? {} : { startkey }) });
    for (const row of page.rows.slice(0, PAGE)) {
      const doc = row.doc as Doc | undefined;
      if (doc?.form === 'Customer') yield doc;
    }
    if (page.rows.length <= PAGE) return;
    startkey = page.rows[PAGE]!.id;
  }
}

const FIELD_NAMES: Readonly<Record<UnrecognisedValue['field'], readonly [string, string]>> = {
  country: ['国家', 'Country'], province: ['省份', 'Province'], industry: ['行业', 'Industry'], source: ['客户来源', 'Source'],
};

/** The notice names what was kept as written, in both languages (people have no stored language). */
async function tellManagers(store: Store, report: ReferenceUpgradeReport, ctx: SaveContext, logger?: Logger): Promise<void> {
  const acl = await store.database('names').find(aclDocId('crm'));
  const entries = Array.isArray(acl?.entries) ? (acl.entries as { name?: unknown; level?: unknown }[]) : [];
  const managers = entries.flatMap((entry) => (entry.level === 'manager' && typeof entry.name === 'string' ? [entry.name] : []));
  if (managers.length === 0) return;
  const lines = report.unrecognised.map(({ field, value, customers }) => `${FIELD_NAMES[field][0]} ${FIELD_NAMES[field][1]}: ${value} (${customers})`);
  const body = [
    '升级时以下客户资料的值未能对应到国家、省份、行业或客户来源的列表，已按原样保留（括号内为客户数）。可在“客户关系设置”中添加行业或来源，或修改这些客户。',
    'These values of customers named no entry of the lists of countries, provinces, industries or sources and were kept as written (number of customers in brackets). Add the industries or sources in the CRM settings, or correct the customers.',
    '',
    ...lines,
    ...(report.failed.length > 0 ? ['', `未能保存 Not saved (${report.failed.length}): ${report.failed.slice(0, 50).join(', ')}`] : []),
  ].join('\n').slice(0, 20_000);
  const notice: Doc = {
    _id: REFERENCE_UPGRADE_NOTICE_ID,
    form: 'Notice',
    kind: 'upgrade',
    recipients: managers,
    subject: `客户资料升级：${report.unrecognised.length} 个值保留原样 Customer data upgraded: ${report.unrecognised.length} values kept as written`,
    body,
    linkDb: 'crm',
    linkId: CRM_SETTINGS_ID,
  };
  await saveNoticeOnce(store.database('crm'), notice, ctx).catch((error: unknown) => logger?.warn({ err: error }, 'cannot save the notice of the reference data upgrade'));
}

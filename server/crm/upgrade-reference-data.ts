import { aclDocId } from '../../design/access/directory-ids.js';
import type { Choice, Doc, SaveContext } from '../../design/form.js';
import { bilingualRows, CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { CUSTOMER_SOURCES } from '../../design/forms/customer.js';
import { choiceByName } from '../../design/reference/choice-by-name.js';
import { countryCode } from '../../design/reference/countries.js';
import { INDUSTRIES } from '../../design/reference/industries.js';
import { provinceCode } from '../../design/reference/provinces.js';
import { regionCode } from '../../design/reference/regions.js';
import type { Logger } from '../log.js';
import type { Database, Store } from '../store/store.js';
import { docsOfForm, hasLocal } from './docs-of-form.js';
import { saveNoticeOnce } from './save-notice-once.js';

/**
 * Marks the upgrade done on this database (a `_local` document: never replicated, not a record).
 * The second round also maps regions, contacts' address countries and competitors' countries;
 * an install that ran the first maps those (and finds its customers' codes already there).
 */
export const REFERENCE_UPGRADE_ID = '_local/upgrade-reference-data-2';
/** The notice that tells the CRM's Managers what was left as written. */
export const REFERENCE_UPGRADE_NOTICE_ID = 'upgrade-reference-data-2';

type UpgradedField = 'country' | 'province' | 'industry' | 'source' | 'region' | 'contactCountry' | 'competitorCountry';

/** A value that names no entry of its list: kept as written, on this many documents. */
export interface UnrecognisedValue {
  readonly field: UpgradedField;
  readonly value: string;
  readonly count: number;
}

export interface ReferenceUpgradeReport {
  /** Documents whose values were replaced by codes. */
  readonly mapped: number;
  readonly unrecognised: readonly UnrecognisedValue[];
  /** Documents that could not be saved (changed meanwhile, or refused): their values stay as they were. */
  readonly failed: readonly string[];
}

type Recognise = (text: string) => string | undefined;
/** A document with its values as codes, or null when none changes; `unknown` hears of each value no list knows. */
type MapDoc = (doc: Doc, unknown: (field: UpgradedField, value: string) => void) => Doc | null;

/** How each field's free text reads as a code, with the lists the settings extend. */
function customerRecognisers(settings: Doc | null): Readonly<Partial<Record<UpgradedField, Recognise>>> {
  const named = (choices: readonly Choice[]): Recognise => (text) => choiceByName(choices, text)?.value;
  return {
    country: countryCode,
    province: provinceCode,
    industry: named([...INDUSTRIES, ...bilingualRows(settings, 'industries')]),
    source: named([...CUSTOMER_SOURCES, ...bilingualRows(settings, 'customerSources')]),
    region: regionCode,
  };
}

/** One value as its code: the code, or undefined when it stays (empty, already a code, or unknown — then reported). */
function mapped(field: UpgradedField, value: unknown, read: Recognise, unknown: (field: UpgradedField, value: string) => void): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const code = read(value);
  if (code === undefined) unknown(field, value);
  return code === value ? undefined : code;
}

function customerMapper(settings: Doc | null): MapDoc {
  const recognise = customerRecognisers(settings);
  return (customer, unknown) => {
    const changes: Record<string, string> = {};
    for (const [field, read] of Object.entries(recognise) as [UpgradedField, Recognise][]) {
      const code = mapped(field, customer[field], read, unknown);
      if (code !== undefined) changes[field] = code;
    }
    return Object.keys(changes).length === 0 ? null : { ...customer, ...changes };
  };
}

const contactMapper: MapDoc = (contact, unknown) => {
  if (!Array.isArray(contact.addresses)) return null;
  let changed = false;
  const addresses = (contact.addresses as unknown[]).map((row) => {
    const code = mapped('contactCountry', (row as Doc | null)?.country, countryCode, unknown);
    if (code === undefined) return row;
    changed = true;
    return { ...(row as Doc), country: code };
  });
  return changed ? { ...contact, addresses } : null;
};

const competitorMapper: MapDoc = (competitor, unknown) => {
  const code = mapped('competitorCountry', competitor.country, countryCode, unknown);
  return code === undefined ? null : { ...competitor, country: code };
};

/**
 * Installs from before reference data kept country, province, industry, source and region as free
 * text (德国, Germany, DE as three categories), and so did contacts' addresses and competitors. Once
 * per database: every value that names an entry of its list is replaced by its code; those that do
 * not are kept as written and reported (logged, and a notice to the CRM's Managers), so an
 * administrator can add them to the CRM settings or correct the documents. Safe to run again or
 * on two servers at once: a mapped value maps to itself, and a document changed meanwhile is left
 * for its next save to map.
 */
export async function upgradeReferenceData(store: Store, ctx: () => SaveContext, logger?: Logger, signal?: AbortSignal): Promise<ReferenceUpgradeReport | null> {
  const crm = store.database('crm');
  if (await hasLocal(crm, REFERENCE_UPGRADE_ID)) return null;
  const passes: readonly [Database, string, MapDoc][] = [
    [crm, 'Customer', customerMapper(await crm.find(CRM_SETTINGS_ID))],
    [crm, 'Contact', contactMapper],
    [store.database('library'), 'Competitor', competitorMapper],
  ];
  const unrecognised = new Map<string, UnrecognisedValue>();
  const unknown = (field: UpgradedField, value: string) => {
    const key = `${field}\n${value}`;
    unrecognised.set(key, { field, value, count: (unrecognised.get(key)?.count ?? 0) + 1 });
  };
  const failed: string[] = [];
  let mappedDocs = 0;
  for (const [db, form, map] of passes) {
    for await (const doc of docsOfForm(db, form)) {
      // Stopped (the server closes): not marked done, the next start goes on where mapping is still needed.
      if (signal?.aborted) return null;
      const next = map(doc, unknown);
      if (!next) continue;
      try {
        await db.save(next, ctx());
        mappedDocs++;
      } catch {
        failed.push(String(doc._id));
      }
    }
  }
  const report: ReferenceUpgradeReport = { mapped: mappedDocs, unrecognised: [...unrecognised.values()], failed };
  if (report.unrecognised.length > 0 || failed.length > 0) await tellManagers(store, report, ctx(), logger);
  logger?.[report.unrecognised.length > 0 || failed.length > 0 ? 'warn' : 'info']({ ...report, unrecognised: report.unrecognised.slice(0, 50) }, 'countries, provinces, regions, industries and sources upgraded to codes');
  try {
    await crm.pouch.put({ _id: REFERENCE_UPGRADE_ID, done: ctx().now, mapped: mappedDocs, unrecognised: report.unrecognised.length, failed: failed.length });
  } catch (error) {
    // Another server finished it a moment ago.
    if ((error as { status?: number }).status !== 409) throw error;
  }
  return report;
}

const FIELD_NAMES: Readonly<Record<UpgradedField, readonly [string, string]>> = {
  country: ['国家', 'Country'], province: ['省份', 'Province'], industry: ['行业', 'Industry'], source: ['客户来源', 'Source'], region: ['地区', 'Region'],
  contactCountry: ['联系人地址的国家', 'Country of a contact\'s address'], competitorCountry: ['竞争对手的国家', 'Country of a competitor'],
};

/** The notice names what was kept as written, in both languages (people have no stored language). */
async function tellManagers(store: Store, report: ReferenceUpgradeReport, ctx: SaveContext, logger?: Logger): Promise<void> {
  const acl = await store.database('names').find(aclDocId('crm'));
  const entries = Array.isArray(acl?.entries) ? (acl.entries as { name?: unknown; level?: unknown }[]) : [];
  const managers = entries.flatMap((entry) => (entry.level === 'manager' && typeof entry.name === 'string' ? [entry.name] : []));
  if (managers.length === 0) return;
  const lines = report.unrecognised.map(({ field, value, count }) => `${FIELD_NAMES[field][0]} ${FIELD_NAMES[field][1]}: ${value} (${count})`);
  const body = [
    '升级时以下值未能对应到国家、省份、地区、行业或客户来源的列表，已按原样保留（括号内为文档数）。可在“客户关系设置”中添加行业或来源，或修改这些客户、联系人和竞争对手。',
    'These values named no entry of the lists of countries, provinces, regions, industries or sources and were kept as written (number of documents in brackets). Add the industries or sources in the CRM settings, or correct the customers, contacts and competitors.',
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

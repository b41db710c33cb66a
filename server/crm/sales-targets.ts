import type { Access } from '../../design/access/acl.js';
import type { Doc, SaveContext } from '../../design/form.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { rolesSeeingAllTargets, SALES_TARGETS_ID, targetsOf, type Target } from '../../design/forms/sales-targets.js';
import { SERVER_USER } from '../../design/user.js';
import { GuanxiError } from '../../engine/errors.js';
import type { Database } from '../store/store.js';
import { updateDoc } from './update-doc.js';

/**
 * The targets `access` may see: every one for a role the targets document names (`[Manager]` by
 * default), else those of their own name or a group they are in. Until an old install's targets
 * have moved out of the CRM settings (upgradeSalesTargets), they are read from there.
 */
export async function targetsSeenBy(crm: Database, access: Access): Promise<Target[]> {
  const doc = await crm.find(SALES_TARGETS_ID);
  const targets = doc ? targetsOf(doc) : targetsOf(await crm.find(CRM_SETTINGS_ID));
  return rolesSeeingAllTargets(doc).some((role) => access.names.has(role)) ? targets : targets.filter((t) => access.names.has(t.owner));
}

/**
 * Installs from before the split kept the targets in the CRM settings, which everyone reads: they
 * move into the targets document (its authors: whoever last saved the settings, so the
 * administrator keeps reading them) and leave the settings. Safe to run again or on two servers at
 * once: a row already there is not added twice, and settings without targets are left alone.
 */
export async function upgradeSalesTargets(crm: Database, ctx: () => SaveContext): Promise<number> {
  const settings = await crm.find(CRM_SETTINGS_ID);
  if (!settings || !Array.isArray(settings.targets)) return 0;
  const legacy = targetsOf(settings);
  const editor = typeof settings.modifiedBy === 'string' && settings.modifiedBy !== SERVER_USER.name ? [settings.modifiedBy] : [];
  const merge = (doc: Doc): Doc | null => {
    const held = new Set(targetsOf(doc).map((t) => JSON.stringify([t.owner, t.period, t.amount, t.currency])));
    const missing = legacy.filter((t) => !held.has(JSON.stringify([t.owner, t.period, t.amount, t.currency])));
    const authors = [...new Set([...(Array.isArray(doc.authors) ? doc.authors.map(String) : []), ...editor])];
    return missing.length === 0 && authors.length === (doc.authors?.length ?? 0) ? null : { ...doc, targets: [...targetsOf(doc), ...missing], authors };
  };
  if (!(await crm.find(SALES_TARGETS_ID))) {
    await crm.save(merge({ _id: SALES_TARGETS_ID, form: 'SalesTargets' })!, ctx()).catch(unlessConflict);
  }
  await updateDoc(crm, SALES_TARGETS_ID, merge, ctx);
  await updateDoc(crm, CRM_SETTINGS_ID, (current) => {
    if (!Array.isArray(current.targets)) return null;
    const { targets: _moved, ...rest } = current;
    return rest;
  }, ctx);
  return legacy.length;
}

/** Another server made the document first: the rows are merged into theirs. */
function unlessConflict(error: unknown): void {
  if (!(error instanceof GuanxiError && error.kind === 'conflict')) throw error;
}

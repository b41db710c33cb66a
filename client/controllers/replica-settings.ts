import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import { DEFAULT_REPLICATION, type ReplicationSettings } from '../../design/replication-settings.js';
import type { SettingsLookup } from '../../design/configured-choices.js';
import type { Doc } from '../../design/form.js';
import { callJson } from './server-api.js';
import { readStored, userKey, writeStored } from './user-storage.js';

const MB = 1024 * 1024;

/**
 * The administrator's default for a database (CRM settings: months of mail, MB of files kept on
 * workstations), or the built-in one. A field left empty keeps the built-in value.
 */
export function administratorDefault(doc: Doc | null): ReplicationSettings {
  const months = doc?.replicaMailMonths;
  const mb = doc?.replicaFilesUpToMb;
  return {
    mailMonths: typeof months === 'number' ? months : DEFAULT_REPLICATION.mailMonths,
    filesUpTo: typeof mb === 'number' ? Math.round(mb * MB) : DEFAULT_REPLICATION.filesUpTo,
  };
}

/** One person's replication settings on this workstation, per database; null: the administrator's default. */
export class ReplicaSettings {
  private readonly key: string;
  private readonly pinsKey: string;
  /** The settings document read from the server before the first replication brought it. */
  private fetched: Doc | null = null;

  constructor(userName: string, private readonly dbName: string, private readonly settings: SettingsLookup) {
    this.key = `guanxi.replica.${userKey(userName)}.${dbName}`;
    this.pinsKey = `guanxi.pinned.${userKey(userName)}.${dbName}`;
  }

  /** What this replica keeps: the person's own choice, else the administrator's default. */
  get current(): ReplicationSettings {
    return this.own ?? this.byDefault;
  }

  /** The administrator's default for this database (what a field the person leaves empty follows). */
  get byDefault(): ReplicationSettings {
    return administratorDefault(this.settingsDoc);
  }

  /**
   * Reads the administrator's default from the server when the replica does not hold the settings
   * yet (a new workstation): its first replication then already leaves out what the company chose.
   */
  async prepare(): Promise<void> {
    if (this.dbName !== 'crm' || this.settingsDoc) return;
    this.fetched = await callJson<Doc>(`/api/db/crm/docs/${encodeURIComponent(CRM_SETTINGS_ID)}`).catch(() => null);
  }

  private get settingsDoc(): Doc | null {
    return this.dbName === 'crm' ? this.settings(CRM_SETTINGS_ID) ?? this.fetched : null;
  }

  get own(): ReplicationSettings | null {
    return readStored<ReplicationSettings | null>(this.key, null);
  }

  /** Takes effect at the replication's next start (Workspace restarts it). */
  setOwn(settings: ReplicationSettings | null): void {
    if (settings === null) localStorage.removeItem(this.key);
    else writeStored(this.key, settings);
  }

  /** Whether these settings leave anything on the server. */
  get keepsLess(): boolean {
    const { mailMonths, filesUpTo, mineOnly } = this.current;
    return mailMonths !== null || filesUpTo !== null || mineOnly === true;
  }

  /** Documents the person pinned: kept whatever the settings say, also when space is freed. */
  get pinned(): ReadonlySet<string> {
    return new Set(readStored<string[]>(this.pinsKey, []));
  }

  pin(id: string): void {
    writeStored(this.pinsKey, [...new Set([...this.pinned, id])]);
  }
}

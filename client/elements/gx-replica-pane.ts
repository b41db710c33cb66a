import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { formatBytes } from '../../design/attachment-rules.js';
import type { ReplicationSettings } from '../../design/replication-settings.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { askFreshReplica } from '../controllers/fresh-replica.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace, WorkspaceStatus } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/** The page id the navigator and the address use for this pane. */
export const REPLICA_PAGE = 'replica';

const MB = 1024 * 1024;

/**
 * This workstation's replicas (Notes' replication settings): what each keeps, how much it holds,
 * the browser's storage use; the person sets their own months and file size, or follows the
 * administrator's default, and frees the space of what is no longer kept.
 */
@customElement('gx-replica-pane')
export class GxReplicaPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
    table { border-collapse: collapse; margin: 8px 0; }
    th, td { text-align: left; padding: 4px 12px 4px 0; border-bottom: 1px solid #e3e8ef; vertical-align: middle; }
    input[type="number"] { width: 6em; }
    .errors { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @state() private accessor notice = '';
  /** Bumped after a change, so the figures are read again. */
  @state() private accessor changes = 0;
  /** The workspace's status: the figures are read again as replicas fill and sync. */
  private readonly status = new WatchController<WorkspaceStatus>(this);

  private readonly figures = new Task(this, {
    task: async ([workspace]) => {
      if (!workspace) return null;
      // Counted from the documents themselves: the idb adapter's cached doc_count was seen one short
      // after a pinned document arrived beside the live pull.
      const counts = await Promise.all(workspace.databases.map(async (db) => [db.name, (await db.pouch.allDocs()).rows.length] as const));
      const estimate = await navigator.storage?.estimate?.().catch(() => undefined);
      const sizes = new Map(await Promise.all(workspace.databases.map(async (db) => [db.name, await db.holdings.bytes() + db.keptFiles.bytes] as const)));
      return { counts: new Map(counts), sizes, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
    },
    args: () => [this.workspace, this.changes, this.status.value?.ready, this.status.value?.syncing] as const,
  });

  private followed: Workspace | undefined;
  private unfollow: (() => void)[] = [];

  override willUpdate(): void {
    this.status.follow(this.workspace?.status);
    // Documents arriving or leaving (a pinned one, a replica filling), and files kept here, change the figures.
    if (this.workspace !== this.followed) {
      this.stopFollowing();
      this.followed = this.workspace;
      this.unfollow = this.workspace?.databases.flatMap((db) => [db.revision.subscribe(() => this.changes++), db.keptFiles.held.subscribe(() => this.changes++)]) ?? [];
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.stopFollowing();
    this.followed = undefined;
  }

  private stopFollowing(): void {
    for (const stop of this.unfollow) stop();
    this.unfollow = [];
  }

  override render() {
    const t = this.locale.t;
    const workspace = this.workspace;
    if (!workspace) return nothing;
    const figures = this.figures.value;
    return html`
      <h2>${t.replicaTitle}</h2>
      <p class="muted">${t.replicaIntro}</p>
      <p data-storage>${figures?.usage == null ? t.loading : t.replicaStorage(this.mb(figures.usage), figures.quota == null ? null : this.mb(figures.quota))}</p>
      <table>
        <thead><tr><th>${t.replicaDatabase}</th><th>${t.replicaDocs}</th><th>${t.replicaSize}</th><th>${t.replicaMailMonths}</th><th>${t.replicaFilesUpTo}</th><th>${t.replicaMineOnly}</th><th></th></tr></thead>
        <tbody>${workspace.databases.map((db) => this.renderRow(db, figures?.counts.get(db.name), figures?.sizes.get(db.name)))}</tbody>
      </table>
      <p class="muted">${t.replicaSizeNote}</p>
      ${this.notice ? html`<p role="status" data-notice>${this.notice}</p>` : nothing}`;
  }

  private renderRow(db: LocalDatabase, count: number | undefined, bytes: number | undefined) {
    const t = this.locale.t;
    const own = db.replica.own;
    const current = db.replica.current;
    const months = own ? own.mailMonths : null;
    const files = own ? own.filesUpTo : null;
    return html`<tr data-db=${db.name}>
      <td>${this.locale.label(db.info.label)}</td>
      <td data-docs>${count === undefined ? '' : this.locale.number(count)}</td>
      <td data-size>${bytes === undefined ? '' : formatBytes(bytes)}</td>
      <td>${db.name === 'crm' ? html`<input type="number" min="0" max="1200" name="months" .value=${months === null ? '' : String(months)}
        placeholder=${current.mailMonths === null ? t.replicaAll : String(current.mailMonths)}>` : html`<span class="muted">—</span>`}</td>
      <td><input type="number" min="0" step="0.1" name="files" .value=${files === null ? '' : String(files / MB)}
        placeholder=${current.filesUpTo === null ? t.replicaAll : String(current.filesUpTo / MB)}></td>
      <td>${db.name === 'crm' ? html`<input type="checkbox" name="mine" .checked=${current.mineOnly === true}>` : nothing}</td>
      <td>
        <button data-action="save-replica" @click=${() => this.save(db)}>${t.save}</button>
        <button data-action="default-replica" @click=${() => this.apply(db, null)}>${t.replicaUseDefault}</button>
        <button data-action="free-space" @click=${() => this.freeSpace(db)}>${t.replicaFreeSpace}</button>
      </td>
    </tr>`;
  }

  private save(db: LocalDatabase): void {
    const row = this.renderRoot.querySelector(`tr[data-db="${db.name}"]`);
    const value = (name: string) => row?.querySelector<HTMLInputElement>(`input[name="${name}"]`)?.value.trim() ?? '';
    const months = value('months');
    const files = value('files');
    // A field left empty follows the administrator's default, as the page says (not "all").
    const { byDefault } = db.replica;
    const settings: ReplicationSettings = {
      mailMonths: months === '' ? byDefault.mailMonths : Math.max(0, Math.round(Number(months))),
      filesUpTo: files === '' ? byDefault.filesUpTo : Math.max(0, Math.round(Number(files) * MB)),
      mineOnly: row?.querySelector<HTMLInputElement>('input[name="mine"]')?.checked === true,
    };
    if (Number.isNaN(settings.mailMonths) || Number.isNaN(settings.filesUpTo)) {
      this.notice = this.locale.t.replicaBadNumber;
      return;
    }
    this.apply(db, settings);
  }

  /** Saved, and the replication started again with them: from now on it leaves out what they leave out. */
  private apply(db: LocalDatabase, settings: ReplicationSettings | null): void {
    db.replica.setOwn(settings);
    this.workspace?.restartReplication(db.name);
    this.notice = this.locale.t.replicaSaved;
    this.changes++;
  }

  /** A fresh replica at the next start: only with nothing waiting to be sent, and online to fill it again. */
  private freeSpace(db: LocalDatabase): void {
    const status = this.workspace?.status.value;
    if (!status?.online || Object.keys(db.outbox.state.value.unsent).length > 0) {
      this.notice = this.locale.t.replicaFreeSpaceLater;
      return;
    }
    if (!confirm(this.locale.t.replicaFreeSpaceConfirm)) return;
    askFreshReplica(db.user.name, db.name);
    location.reload();
  }

  private mb(bytes: number): string {
    return this.locale.number(Math.round((bytes / MB) * 10) / 10);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-replica-pane': GxReplicaPane;
  }
}

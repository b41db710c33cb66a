import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';
import type { AdminDirectory, AdminLogEntry } from '../../design/access/admin-listing.js';
import { adminApi } from './admin-api.js';
import './gx-admin-acl.js';
import './gx-admin-groups.js';
import './gx-admin-people.js';

type Tab = 'people' | 'groups' | 'acls' | 'log';

/**
 * Administration while the server runs (系统管理): people, groups and departments for Managers of
 * the directory, each database's ACL for its Managers, and the log of who changed what. Everything
 * goes through the server's /api/admin; offline it says the server is needed.
 */
@customElement('gx-admin-pane')
export class GxAdminPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: grid; grid-template-rows: auto auto 1fr; min-height: 0; height: 100%; background: #fff; }
    nav { display: flex; gap: 2px; padding: 6px 10px 0; border-bottom: 1px solid #b4c2d3; background: #f2f5f9; }
    nav button { border-radius: 3px 3px 0 0; border-bottom: none; }
    nav button[aria-selected=true] { background: #fff; font-weight: 600; }
    nav .end { margin-left: auto; }
    .error { color: #b3261e; background: #fdecea; padding: 4px 8px; margin: 6px 10px; }
    .log { overflow: auto; padding: 8px 12px; }
    table { border-collapse: collapse; width: 100%; font-size: 12px; }
    th, td { border-bottom: 1px solid #d5dde7; padding: 3px 6px; text-align: left; vertical-align: top; }
    th { background: #eef2f7; color: #35506e; }
    > * { min-height: 0; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @state() private accessor tab: Tab = 'people';
  @state() private accessor directory: AdminDirectory | null = null;
  @state() private accessor log: readonly AdminLogEntry[] = [];
  @state() private accessor error = '';

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      this.directory = await adminApi.directory();
      if (this.tab === 'people' && !this.directory.managerOf.includes('names')) this.tab = 'acls';
      if (this.tab === 'log') this.log = await adminApi.log();
      this.error = '';
    } catch (error) {
      this.error = apiErrorText(error, this.locale);
    }
  }

  override render() {
    const t = this.locale.t;
    const ofNames = this.directory?.managerOf.includes('names') ?? false;
    const tabs: [Tab, string][] = [...(ofNames ? [['people', t.adminPeople], ['groups', t.adminGroups]] as [Tab, string][] : []), ['acls', t.adminAcls], ...(ofNames ? [['log', t.adminLog]] as [Tab, string][] : [])];
    return html`
      <nav role="tablist" aria-label=${t.admin}>
        ${tabs.map(([tab, label]) => html`<button role="tab" data-tab=${tab} aria-selected=${this.tab === tab ? 'true' : 'false'} @click=${() => this.open(tab)}>${label}</button>`)}
        <button class="end" @click=${() => this.dispatchEvent(new CustomEvent('gx-admin-closed', { bubbles: true, composed: true }))}>${t.adminClose}</button>
      </nav>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : html`<div></div>`}
      ${this.renderTab()}`;
  }

  private renderTab() {
    const onChanged = () => void this.load();
    switch (this.tab) {
      case 'people':
        return html`<gx-admin-people .directory=${this.directory} @gx-admin-changed=${onChanged}></gx-admin-people>`;
      case 'groups':
        return html`<gx-admin-groups .directory=${this.directory} @gx-admin-changed=${onChanged}></gx-admin-groups>`;
      case 'acls':
        return html`<gx-admin-acl .directory=${this.directory} @gx-admin-changed=${onChanged}></gx-admin-acl>`;
      case 'log':
        return this.renderLog();
    }
  }

  private renderLog() {
    const t = this.locale.t;
    if (this.log.length === 0) return html`<div class="log">${t.adminEmptyLog}</div>`;
    return html`<div class="log"><table data-log>
      <thead><tr><th>${t.adminWhen}</th><th>${t.adminWho}</th><th>${t.adminWhat}</th><th>${t.adminTarget}</th><th>${t.adminDetail}</th></tr></thead>
      <tbody>${this.log.map((e) => html`<tr><td>${this.locale.dateTime(e.at)}</td><td>${e.by}</td><td>${t.adminActions[e.action] ?? e.action}</td><td>${e.target}</td><td>${e.detail ?? nothing}</td></tr>`)}</tbody>
    </table></div>`;
  }

  private open(tab: Tab): void {
    this.tab = tab;
    if (tab === 'log') void this.load();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-pane': GxAdminPane;
  }
}

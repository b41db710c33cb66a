import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';
import { adminApi, type AdminDirectory, type AdminGroup } from './admin-api.js';
import { adminStyles } from './admin-styles.js';

/**
 * Groups and departments (a department is the group its people belong to): members ticked from
 * the people and the other groups, so a group nests in another. Fires `gx-admin-changed`.
 */
@customElement('gx-admin-groups')
export class GxAdminGroups extends LitElement {
  static override styles = [paneStyles, adminStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor directory: AdminDirectory | null = null;
  /** The chosen group's name; '' while making one. */
  @state() private accessor chosen: string | null = null;
  @state() private accessor error = '';
  @state() private accessor done = '';

  override render() {
    const t = this.locale.t;
    const groups = this.directory?.groups ?? [];
    return html`<div class="panel">
        <div class="row"><button class="primary" data-action="add-group" @click=${() => this.choose('')}>${t.adminAddGroup}</button></div>
        <table>
          <thead><tr><th>${t.adminName}</th><th>${t.adminMembers}</th></tr></thead>
          <tbody>${groups.map((g) => html`<tr class=${g.name === this.chosen ? 'chosen' : ''} data-group=${g.name} @click=${() => this.choose(g.name)}>
            <td>${g.name}</td><td>${g.members.join(', ')}</td></tr>`)}</tbody>
        </table>
      </div>
      <div class="panel">${this.chosen === null ? nothing : this.renderGroup(groups.find((g) => g.name === this.chosen))}</div>`;
  }

  private renderGroup(group: AdminGroup | undefined) {
    const t = this.locale.t;
    const candidates = [
      ...(this.directory?.people ?? []).filter((p) => p.status === 'active').map((p) => p.name),
      ...(this.directory?.groups ?? []).map((g) => g.name).filter((name) => name !== group?.name),
    ];
    const members = new Set(group?.members ?? []);
    return html`
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${this.done ? html`<div class="ok" role="status">${this.done}</div>` : nothing}
      <form data-form="group" @submit=${this.onSave}>
        <h3>${group?.name ?? t.adminAddGroup}</h3>
        ${group ? nothing : html`<label>${t.adminName}<input name="name" required autocomplete="off"></label>`}
        <label>${t.adminDescription}<input name="description" .value=${group?.description ?? ''}></label>
        <div>${t.adminMembers} <span class="hint">${t.adminMembersHint}</span></div>
        <div class="members">${candidates.map((name) => html`<label><input type="checkbox" name="member" value=${name} ?checked=${members.has(name)}>${name}</label>`)}</div>
        <div class="row"><button class="primary" type="submit">${t.adminSave}</button></div>
      </form>`;
  }

  private choose(name: string): void {
    this.chosen = name;
    this.error = '';
    this.done = '';
  }

  private readonly onSave = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = this.chosen || String(data.get('name') ?? '').trim();
    this.error = '';
    this.done = '';
    try {
      await adminApi.saveGroup(name, data.getAll('member').map(String), String(data.get('description') ?? '').trim());
      this.chosen = name;
      this.done = this.locale.t.adminSaved;
      this.dispatchEvent(new CustomEvent('gx-admin-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error, this.locale);
    }
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-groups': GxAdminGroups;
  }
}

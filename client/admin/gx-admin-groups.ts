import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { paneStyles } from '../elements/styles.js';
import type { GroupListing } from '../../design/access/admin-listing.js';
import { AdminEditor } from './admin-editor.js';
import { adminApi } from './admin-api.js';
import { adminStyles } from './admin-styles.js';

/**
 * Groups and departments (a department is the group its people belong to): members ticked from
 * the people and the other groups, so a group nests in another. Fires `gx-admin-changed`.
 */
@customElement('gx-admin-groups')
export class GxAdminGroups extends AdminEditor {
  static override styles = [paneStyles, adminStyles];

  /** The chosen group's name; '' while making one. */
  @state() private accessor chosen: string | null = null;

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

  private renderGroup(group: GroupListing | undefined) {
    const t = this.locale.t;
    const candidates = [
      ...(this.directory?.people ?? []).filter((p) => p.status === 'active').map((p) => p.name),
      ...(this.directory?.groups ?? []).map((g) => g.name).filter((name) => name !== group?.name),
    ];
    const members = new Set(group?.members ?? []);
    return html`
      ${this.renderOutcome()}
      <form data-form="group" @submit=${this.onSave}>
        <h3>${group?.name ?? t.adminAddGroup}</h3>
        ${group ? nothing : html`<label>${t.adminName}<input name="name" required autocomplete="off"></label>`}
        <label>${t.adminDescription}<input name="description" .value=${group?.description ?? ''}></label>
        <div>${t.adminMembers} <span class="hint">${t.adminMembersHint}</span></div>
        <div class="members">${candidates.map((name) => html`<label><input type="checkbox" name="member" value=${name} ?checked=${members.has(name)}>${name}</label>`)}</div>
        <label>${t.adminHead} <span class="hint">${t.adminHeadHint}</span><select name="head">
          <option value=""></option>
          ${(this.directory?.people ?? []).filter((p) => p.status === 'active').map((p) => html`<option value=${p.name} ?selected=${group?.head?.includes(p.name) ?? false}>${p.name}</option>`)}
        </select></label>
        <div class="row"><button class="primary" type="submit">${t.adminSave}</button></div>
      </form>`;
  }

  private choose(name: string): void {
    this.chosen = name;
    this.clearOutcome();
  }

  private readonly onSave = async (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const name = this.chosen || String(data.get('name') ?? '').trim();
    await this.run(async () => {
      await adminApi.saveGroup(name, data.getAll('member').map(String), String(data.get('description') ?? '').trim(), [String(data.get('head') ?? '')].filter(Boolean));
      this.chosen = name;
    });
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-groups': GxAdminGroups;
  }
}

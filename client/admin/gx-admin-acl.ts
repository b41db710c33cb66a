import { html, nothing, type PropertyValues } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { AccessLevel } from '../../design/access/acl.js';
import { DATABASES, type DbName } from '../../design/databases.js';
import { ACCESS_LEVEL_CHOICES } from '../../design/forms/acl.js';
import { paneStyles } from '../elements/styles.js';
import type { AclEntryListing, AclListing } from '../../design/access/admin-listing.js';
import { AdminEditor } from './admin-editor.js';
import { adminApi } from './admin-api.js';
import { adminStyles } from './admin-styles.js';

/**
 * One database's access control list, as Notes shows it: the -Default- entry, then a line per
 * person or group with its level, roles and rights. Edited as a draft, saved as a whole.
 */
@customElement('gx-admin-acl')
export class GxAdminAcl extends AdminEditor {
  static override styles = [paneStyles, adminStyles];

  @state() private accessor db: DbName | null = null;
  @state() private accessor draft: AclListing | null = null;

  override willUpdate(changed: PropertyValues<this>): void {
    const acls = this.directory?.acls ?? [];
    if (!this.db || !acls.some((a) => a.db === this.db)) this.db = acls[0]?.db ?? null;
    // A new listing (after a save) replaces the draft; choosing another database starts from its ACL.
    if (changed.has('directory') || this.draft?.db !== this.db) this.draft = acls.find((a) => a.db === this.db) ?? null;
  }

  override render() {
    const t = this.locale.t;
    const acls = this.directory?.acls ?? [];
    return html`<div class="panel">
        <table><thead><tr><th>${t.adminDatabase}</th></tr></thead>
          <tbody>${acls.map((acl) => html`<tr class=${acl.db === this.db ? 'chosen' : ''} data-db=${acl.db} @click=${() => this.choose(acl.db)}><td>${this.locale.label(DATABASES[acl.db])}</td></tr>`)}</tbody>
        </table>
      </div>
      <div class="panel">${this.draft ? this.renderAcl(this.draft) : nothing}</div>`;
  }

  private renderAcl(acl: AclListing) {
    const t = this.locale.t;
    const names = [...(this.directory?.people ?? []).filter((p) => p.status === 'active').map((p) => p.name), ...(this.directory?.groups ?? []).map((g) => g.name)];
    const levels = (current: AccessLevel, change: (level: AccessLevel) => void, label: string) => html`<select aria-label=${label} @change=${(e: Event) => change((e.target as HTMLSelectElement).value as AccessLevel)}>
      ${ACCESS_LEVEL_CHOICES.map((c) => html`<option value=${c.value} ?selected=${c.value === current}>${this.locale.label(c.label)}</option>`)}</select>`;
    return html`
      ${this.renderOutcome()}
      <h3>${this.locale.label(DATABASES[acl.db])}</h3>
      <label>${t.adminDefaultLevel}${levels(acl.defaultLevel, (level) => this.edit({ defaultLevel: level }), t.adminDefaultLevel)}</label>
      <table data-acl=${acl.db}>
        <thead><tr><th>${t.adminEntry}</th><th>${t.adminLevel}</th><th>${t.adminRoles}</th><th>${t.adminCanCreate}</th><th>${t.adminCanDelete}</th><th></th></tr></thead>
        <tbody>${acl.entries.map((entry, i) => html`<tr data-entry=${entry.name}>
          <td>${entry.name === '' ? html`<select aria-label=${t.adminEntry} @change=${(e: Event) => this.editEntry(i, { name: (e.target as HTMLSelectElement).value })}>
              <option value="">${t.adminChoose}</option>
              ${names.filter((n) => !acl.entries.some((other) => other.name === n)).map((n) => html`<option value=${n}>${n}</option>`)}</select>` : entry.name}</td>
          <td>${levels(entry.level, (level) => this.editEntry(i, { level }), t.adminLevel)}</td>
          <td><input aria-label=${t.adminRoles} .value=${entry.roles.join(', ')} @change=${(e: Event) => this.editEntry(i, { roles: (e.target as HTMLInputElement).value.split(/[,，]/).map((r) => r.trim()).filter((r) => r !== '') })}></td>
          <td><input type="checkbox" aria-label=${t.adminCanCreate} .checked=${entry.canCreate !== false} @change=${(e: Event) => this.editEntry(i, { canCreate: (e.target as HTMLInputElement).checked })}></td>
          <td><input type="checkbox" aria-label=${t.adminCanDelete} .checked=${entry.canDelete !== false} @change=${(e: Event) => this.editEntry(i, { canDelete: (e.target as HTMLInputElement).checked })}></td>
          <td><button @click=${() => this.edit({ entries: acl.entries.filter((_, j) => j !== i) })}>${t.adminRemove}</button></td>
        </tr>`)}</tbody>
      </table>
      <div class="row">
        <button data-action="add-entry" @click=${() => this.edit({ entries: [...acl.entries, { name: '', level: 'reader', roles: [] }] })}>${t.adminAddEntry}</button>
        <button class="primary" data-action="save-acl" @click=${this.onSave}>${t.adminSave}</button>
        <span class="hint">${t.adminRolesHint}</span>
      </div>`;
  }

  private choose(db: DbName): void {
    this.db = db;
    this.clearOutcome();
  }

  private edit(change: Partial<AclListing>): void {
    if (this.draft) this.draft = { ...this.draft, ...change };
    this.done = '';
  }

  private editEntry(index: number, change: Partial<AclEntryListing>): void {
    if (this.draft) this.edit({ entries: this.draft.entries.map((entry, i) => (i === index ? { ...entry, ...change } : entry)) });
  }

  private readonly onSave = async () => {
    const draft = this.draft;
    if (draft) await this.run(() => adminApi.saveAcl({ ...draft, entries: draft.entries.filter((e) => e.name !== '') }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-acl': GxAdminAcl;
  }
}

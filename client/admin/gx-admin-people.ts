import { html, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { paneStyles } from '../elements/styles.js';
import type { PersonListing } from '../../design/access/admin-listing.js';
import { AdminEditor } from './admin-editor.js';
import { adminApi } from './admin-api.js';
import { adminStyles } from './admin-styles.js';

type Step = 'edit' | 'password' | 'leave';

/** People: the list, and the chosen person's fields, password, lockout and leaving. Fires `gx-admin-changed` after each change. */
@customElement('gx-admin-people')
export class GxAdminPeople extends AdminEditor {
  static override styles = [paneStyles, adminStyles];

  /** The chosen person's name; '' while adding one. */
  @state() private accessor chosen: string | null = null;
  @state() private accessor step: Step = 'edit';

  override render() {
    const t = this.locale.t;
    const people = this.directory?.people ?? [];
    return html`<div class="panel">
        <div class="row"><button class="primary" data-action="add-person" @click=${() => this.choose('')}>${t.adminAddPerson}</button></div>
        <table>
          <thead><tr><th>${t.adminName}</th><th>${t.adminDepartment}</th><th>${t.adminTitle}</th><th>${t.adminStatus}</th></tr></thead>
          <tbody>${people.map((p) => html`<tr class=${[p.name === this.chosen ? 'chosen' : '', p.status === 'left' ? 'left' : ''].join(' ')} data-person=${p.name} @click=${() => this.choose(p.name)}>
            <td>${p.name}</td><td>${p.department ?? ''}</td><td>${p.title ?? ''}</td><td>${this.statusOf(p)}</td></tr>`)}</tbody>
        </table>
      </div>
      <div class="panel">${this.chosen === null ? nothing : this.renderPerson(people.find((p) => p.name === this.chosen))}</div>`;
  }

  private statusOf(p: PersonListing): string {
    const t = this.locale.t;
    if (p.status === 'left') return t.adminLeft;
    if (p.lockedUntil) return t.adminLocked(this.locale.dateTime(p.lockedUntil));
    return p.hasPassword ? t.adminActive : t.adminNoPassword;
  }

  private renderPerson(person: PersonListing | undefined) {
    const t = this.locale.t;
    const groups = this.directory?.groups ?? [];
    return html`
      ${this.renderOutcome()}
      <form data-form="person" @submit=${this.onSave}>
        <h3>${person?.name ?? t.adminAddPerson}</h3>
        ${person ? nothing : html`<label>${t.adminName}<input name="name" required autocomplete="off"></label>`}
        <label>${t.adminDepartment}<input name="department" list="departments" .value=${person?.department ?? ''} autocomplete="off"></label>
        <datalist id="departments">${groups.map((g) => html`<option value=${g.name}></option>`)}</datalist>
        <label>${t.adminTitle}<input name="title" .value=${person?.title ?? ''}></label>
        <label>${t.adminEmail}<input name="email" type="email" .value=${person?.email ?? ''}></label>
        <label>${t.adminPhone}<input name="phone" .value=${person?.phone ?? ''}></label>
        <label>${t.adminRoles}<input name="roles" .value=${person?.roles.join(', ') ?? ''}><span class="hint">${t.adminRolesHint}</span></label>
        <div class="row"><button class="primary" type="submit">${t.adminSave}</button></div>
      </form>
      ${person && person.status === 'active' ? this.renderSteps(person) : nothing}`;
  }

  private renderSteps(person: PersonListing) {
    const t = this.locale.t;
    if (this.step === 'password') {
      return html`<form class="box" data-form="password" @submit=${(e: SubmitEvent) => this.onPassword(e, person.name)}>
        <label>${t.adminNewPassword}<input name="password" type="password" autocomplete="new-password" required></label>
        <label>${t.setupRepeat}<input name="repeat" type="password" autocomplete="new-password" required></label>
        <div class="row"><button class="primary" type="submit">${t.adminSave}</button><button type="button" @click=${() => (this.step = 'edit')}>${t.adminCancel}</button></div>
      </form>`;
    }
    if (this.step === 'leave') {
      return html`<div class="box" role="alertdialog">
        <div>${t.adminLeaveConfirm(person.name)}</div>
        <div class="row"><button class="primary" data-action="leave-yes" @click=${() => void this.run(() => adminApi.leave(person.name)).then(() => (this.step = 'edit'))}>${t.adminLeaveYes}</button>
          <button @click=${() => (this.step = 'edit')}>${t.adminCancel}</button></div>
      </div>`;
    }
    return html`<div class="row">
      <button data-action="password" @click=${() => this.show('password')}>${t.adminSetPassword}</button>
      ${person.lockedUntil ? html`<button data-action="unlock" @click=${() => void this.run(() => adminApi.unlock(person.name), t.adminUnlocked(person.name))}>${t.adminUnlock}</button>` : nothing}
      <button data-action="leave" @click=${() => this.show('leave')}>${t.adminLeave}</button>
    </div>`;
  }

  private choose(name: string): void {
    this.chosen = name;
    this.show('edit');
  }

  private show(step: Step): void {
    this.step = step;
    this.clearOutcome();
  }

  private readonly onSave = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const get = (key: string) => String(data.get(key) ?? '').trim();
    const name = this.chosen || get('name');
    const roles = get('roles').split(/[,，]/).map((r) => r.trim()).filter((r) => r !== '');
    void this.run(async () => {
      await adminApi.savePerson(name, { department: get('department'), title: get('title'), email: get('email'), phone: get('phone'), roles });
      this.chosen = name;
    });
  };

  private onPassword(e: SubmitEvent, name: string): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    if (password !== String(data.get('repeat') ?? '')) {
      this.error = this.locale.t.setupMismatch;
      return;
    }
    void this.run(() => adminApi.setPassword(name, password), this.locale.t.adminPasswordSet(name)).then((made) => {
      if (made) this.step = 'edit';
    });
  }

}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-people': GxAdminPeople;
  }
}

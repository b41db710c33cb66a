import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';
import { adminApi, type AdminDirectory, type AdminPerson } from './admin-api.js';
import { adminStyles } from './admin-styles.js';

type Step = 'edit' | 'password' | 'leave';

/** People: the list, and the chosen person's fields, password, lockout and leaving. Fires `gx-admin-changed` after each change. */
@customElement('gx-admin-people')
export class GxAdminPeople extends LitElement {
  static override styles = [paneStyles, adminStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor directory: AdminDirectory | null = null;
  /** The chosen person's name; '' while adding one. */
  @state() private accessor chosen: string | null = null;
  @state() private accessor step: Step = 'edit';
  @state() private accessor error = '';
  @state() private accessor done = '';

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

  private statusOf(p: AdminPerson): string {
    const t = this.locale.t;
    if (p.status === 'left') return t.adminLeft;
    if (p.lockedUntil) return t.adminLocked(this.locale.dateTime(p.lockedUntil));
    return p.hasPassword ? t.adminActive : t.adminNoPassword;
  }

  private renderPerson(person: AdminPerson | undefined) {
    const t = this.locale.t;
    const groups = this.directory?.groups ?? [];
    return html`
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${this.done ? html`<div class="ok" role="status">${this.done}</div>` : nothing}
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

  private renderSteps(person: AdminPerson) {
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
        <div class="row"><button class="primary" data-action="leave-yes" @click=${() => this.run(() => adminApi.leave(person.name), t.adminSaved)}>${t.adminLeaveYes}</button>
          <button @click=${() => (this.step = 'edit')}>${t.adminCancel}</button></div>
      </div>`;
    }
    return html`<div class="row">
      <button data-action="password" @click=${() => this.show('password')}>${t.adminSetPassword}</button>
      ${person.lockedUntil ? html`<button data-action="unlock" @click=${() => this.run(() => adminApi.unlock(person.name), t.adminUnlocked(person.name))}>${t.adminUnlock}</button>` : nothing}
      <button data-action="leave" @click=${() => this.show('leave')}>${t.adminLeave}</button>
    </div>`;
  }

  private choose(name: string): void {
    this.chosen = name;
    this.show('edit');
  }

  private show(step: Step): void {
    this.step = step;
    this.error = '';
    this.done = '';
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
    }, this.locale.t.adminSaved);
  };

  private onPassword(e: SubmitEvent, name: string): void {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    if (password !== String(data.get('repeat') ?? '')) {
      this.error = this.locale.t.setupMismatch;
      return;
    }
    void this.run(() => adminApi.setPassword(name, password), this.locale.t.adminPasswordSet(name));
  }

  private async run(change: () => Promise<void>, done: string): Promise<void> {
    this.error = '';
    this.done = '';
    try {
      await change();
      this.step = 'edit';
      this.done = done;
      this.dispatchEvent(new CustomEvent('gx-admin-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.error = apiErrorText(error, this.locale);
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-admin-people': GxAdminPeople;
  }
}

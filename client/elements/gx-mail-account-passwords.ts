import { consume } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { passwordsSet, setPasswords, type PasswordsSet } from '../controllers/mail-account-passwords.js';
import type { ServerOutcome } from '../controllers/server-api.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

type Which = 'imapPassword' | 'smtpPassword';

/**
 * The passwords of a mail account, for whoever may change the account: they are sent to the server,
 * which keeps them apart from the replicated document; the form only tells whether each is set.
 */
@customElement('gx-mail-account-passwords')
export class GxMailAccountPasswords extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 6px 0 10px; border: 1px solid #c9d5e3; background: #f4f7fb; padding: 6px 8px; border-radius: 3px; }
    label { display: flex; gap: 8px; align-items: center; margin: 4px 0; }
    label span { min-width: 9em; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @state() private accessor set: PasswordsSet | null = null;
  @state() private accessor typed: Record<Which, string> = { imapPassword: '', smtpPassword: '' };
  @state() private accessor message = '';
  @state() private accessor failed = false;
  @state() private accessor busy = false;

  override updated(changed: PropertyValues<this>): void {
    if (changed.has('doc') && this.doc?._id !== (changed.get('doc') as Doc | null | undefined)?._id && this.mayChange()) void this.refresh();
  }

  override render() {
    if (!this.mayChange()) return nothing;
    const t = this.locale.t;
    const field = (which: Which, label: string, isSet: boolean | undefined) => html`<label>
      <span>${label}</span>
      <input type="password" autocomplete="new-password" data-password=${which} .value=${this.typed[which]}
        @input=${(e: Event) => { this.typed = { ...this.typed, [which]: (e.target as HTMLInputElement).value }; }}>
      <span class="muted" data-password-set=${which}>${isSet === undefined ? '' : isSet ? t.passwordSet : t.passwordNotSet}</span>
    </label>`;
    return html`
      <div>${t.accountPasswords}</div>
      ${field('imapPassword', t.imapPassword, this.set?.imap)}
      ${field('smtpPassword', t.smtpPassword, this.set?.smtp)}
      <button data-password="save" ?disabled=${this.busy} @click=${() => void this.save()}>${t.savePasswords}</button>
      ${this.message ? html`<div class=${this.failed ? 'error' : 'muted'} role="status">${this.message}</div>` : nothing}`;
  }

  private mayChange(): boolean {
    const { db, doc } = this;
    return !!db && doc?.form === 'MailAccount' && typeof doc._id === 'string' && decideWrite(db.access, doc, doc).allowed;
  }

  private async refresh(): Promise<void> {
    this.set = null;
    const outcome = await passwordsSet(this.doc!._id!);
    if (outcome.ok) this.set = outcome.value;
    else this.report(outcome);
  }

  private async save(): Promise<void> {
    const passwords = Object.fromEntries(Object.entries(this.typed).filter(([, value]) => value !== ''));
    if (Object.keys(passwords).length === 0) {
      this.failed = true;
      this.message = this.locale.t.typePassword;
      return;
    }
    this.busy = true;
    try {
      const outcome = await setPasswords(this.doc!._id!, passwords);
      if (!outcome.ok) return this.report(outcome);
      this.typed = { imapPassword: '', smtpPassword: '' };
      this.failed = false;
      this.message = this.locale.t.passwordsSaved;
      await this.refresh();
    } finally {
      this.busy = false;
    }
  }

  private report(outcome: Extract<ServerOutcome<unknown>, { ok: false }>): void {
    this.failed = true;
    this.message = typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason);
  }
}

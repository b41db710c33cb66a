import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { GxSignIn } from './gx-sign-in.js';

/**
 * The first start (the server's one-time setup link): the first administrator's name and password,
 * typed twice. Fires `gx-setup` with the name and password; the app does the rest.
 */
@customElement('gx-setup')
export class GxSetup extends LitElement {
  static override styles = GxSignIn.styles;

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property() accessor message = '';
  @state() private accessor mismatch = false;

  override render() {
    const t = this.locale.t;
    const message = this.mismatch ? t.setupMismatch : this.message;
    return html`<form @submit=${this.onSubmit}>
      <h1>${t.setupTitle}</h1>
      <p>${t.setupIntro}</p>
      ${message ? html`<div class="message" role="alert">${message}</div>` : nothing}
      <label>${t.userName}<input name="name" autocomplete="username" required></label>
      <label>${t.password}<input name="password" type="password" autocomplete="new-password" required></label>
      <label>${t.setupRepeat}<input name="repeat" type="password" autocomplete="new-password" required></label>
      <button class="primary" type="submit">${t.setupCreate}</button>
    </form>`;
  }

  private readonly onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const password = String(data.get('password') ?? '');
    this.mismatch = password !== String(data.get('repeat') ?? '');
    if (this.mismatch) return;
    this.dispatchEvent(new CustomEvent('gx-setup', { detail: { name: String(data.get('name') ?? ''), password }, bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-setup': GxSetup;
  }
}

import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/** The sign-in form. Fires `gx-sign-in` with the name and password; the app does the rest. */
@customElement('gx-sign-in')
export class GxSignIn extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: grid; place-items: center; height: 100%; background: linear-gradient(#dfe8f2, #b9cbe0); }
    form { background: #fff; border: 1px solid #8fa3bd; border-radius: 4px; padding: 24px 28px; width: 340px; box-shadow: 0 4px 18px rgba(19, 48, 79, .2); display: grid; gap: 10px; }
    h1 { font-size: 18px; margin: 0 0 6px; color: #13304f; }
    label { display: grid; gap: 3px; color: #35506e; }
    .message { color: #8c1d18; background: #fdecea; padding: 6px 8px; border-radius: 3px; }
    button { justify-self: start; padding: 4px 18px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property() accessor message = '';
  @property() accessor name = '';

  override render() {
    const t = this.locale.t;
    return html`<form @submit=${this.onSubmit}>
      <h1>${t.signInTitle}</h1>
      ${this.message ? html`<div class="message" role="alert">${this.message}</div>` : nothing}
      <label>${t.userName}<input name="name" autocomplete="username" required value=${this.name}></label>
      <label>${t.password}<input name="password" type="password" autocomplete="current-password" required></label>
      <button class="primary" type="submit">${t.signIn}</button>
    </form>`;
  }

  private readonly onSubmit = (e: SubmitEvent) => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    this.dispatchEvent(new CustomEvent('gx-sign-in', {
      detail: { name: String(data.get('name') ?? ''), password: String(data.get('password') ?? '') }, bubbles: true, composed: true,
    }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-sign-in': GxSignIn;
  }
}

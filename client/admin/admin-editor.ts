import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { property, state } from 'lit/decorators.js';
import type { AdminDirectory } from '../../design/access/admin-listing.js';
import { localeContext } from '../contexts.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';

/**
 * What the administration pages share: the directory they show, the outcome of the last change
 * (the server's reason, or done), and `gx-admin-changed` after each change so the pane reads the
 * directory again.
 */
export class AdminEditor extends LitElement {
  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor directory: AdminDirectory | null = null;
  @state() protected accessor error = '';
  @state() protected accessor done = '';

  protected clearOutcome(): void {
    this.error = '';
    this.done = '';
  }

  /** Sends a change to the server; true when it was made. */
  protected async run(change: () => Promise<void>, done = this.locale.t.adminSaved): Promise<boolean> {
    this.clearOutcome();
    try {
      await change();
      this.done = done;
      this.dispatchEvent(new CustomEvent('gx-admin-changed', { bubbles: true, composed: true }));
      return true;
    } catch (error) {
      this.error = apiErrorText(error, this.locale);
      return false;
    }
  }

  protected renderOutcome() {
    return html`${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${this.done ? html`<div class="ok" role="status">${this.done}</div>` : nothing}`;
  }
}

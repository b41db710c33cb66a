import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { fromTemplate } from '../controllers/mail-drafts.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * The mail templates of the replica (offline too) for a message being written: choosing one fires
 * `gx-mail-template` with its subject and body, the merge fields filled from the message.
 */
@customElement('gx-mail-template-picker')
export class GxMailTemplatePicker extends LitElement {
  static override styles = [paneStyles, css`:host { display: flex; gap: 6px; align-items: center; margin: 6px 0; }`];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;

  override render() {
    const templates = this.db?.search.ofForm('MailTemplate') ?? [];
    if (templates.length === 0) return nothing;
    const t = this.locale.t;
    return html`<label for="template">${t.mailTemplate}</label>
      <select id="template" @change=${(e: Event) => void this.apply(e.target as HTMLSelectElement)}>
        <option value="">${t.noTemplate}</option>
        ${templates.map((template) => html`<option value=${template.id}>${template.title}</option>`)}
      </select>`;
  }

  private async apply(select: HTMLSelectElement): Promise<void> {
    const { db, doc } = this;
    if (!db || !doc || select.value === '') return;
    const template = (await db.pouch.get(select.value)) as Doc;
    this.dispatchEvent(new CustomEvent('gx-mail-template', { detail: fromTemplate(template, doc, db.user.name), bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-mail-template-picker': GxMailTemplatePicker;
  }
}

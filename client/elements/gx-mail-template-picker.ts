import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { templatesInLanguage } from '../../design/mail-merge.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { fromTemplate } from '../controllers/mail-drafts.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * The mail templates of the replica (offline too) for a message being written, those in the
 * contact's language when the contact has one: choosing one fires `gx-mail-template` with its
 * subject and body, the merge fields filled from the message.
 */
@customElement('gx-mail-template-picker')
export class GxMailTemplatePicker extends LitElement {
  static override styles = [paneStyles, css`:host { display: flex; gap: 6px; align-items: center; margin: 6px 0; }`];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  /** The contact's language and each template's, read from the replica when the message or its contact changes. */
  @state() private accessor languages: { contact: unknown; templates: ReadonlyMap<string, unknown> } = { contact: undefined, templates: new Map() };
  private loadedFor = '';

  override willUpdate(): void {
    const key = `${String(this.doc?.contactId ?? '')}\n${(this.db?.search.ofForm('MailTemplate') ?? []).map((t) => t.id).join(',')}`;
    if (key !== this.loadedFor) {
      this.loadedFor = key;
      void this.loadLanguages(key);
    }
  }

  override render() {
    const hits = this.db?.search.ofForm('MailTemplate') ?? [];
    const templates = templatesInLanguage(hits.map((hit) => ({ ...hit, language: this.languages.templates.get(hit.id) })), this.languages.contact);
    if (templates.length === 0) return nothing;
    const t = this.locale.t;
    return html`<label for="template">${t.mailTemplate}</label>
      <select id="template" @change=${(e: Event) => void this.apply(e.target as HTMLSelectElement)}>
        <option value="">${t.noTemplate}</option>
        ${templates.map((template) => html`<option value=${template.id}>${template.title}</option>`)}
      </select>`;
  }

  private async loadLanguages(key: string): Promise<void> {
    const { db, doc } = this;
    if (!db) return;
    const ids = db.search.ofForm('MailTemplate').map((t) => t.id);
    const contactId = typeof doc?.contactId === 'string' && doc.contactId !== '' ? doc.contactId : undefined;
    const { rows } = await db.pouch.allDocs({ keys: contactId ? [...ids, contactId] : ids, include_docs: true });
    if (key !== this.loadedFor) return;
    const docs = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.id, row.doc as Doc]] : [])));
    this.languages = {
      contact: contactId ? docs.get(contactId)?.language : undefined,
      templates: new Map(ids.map((id) => [id, docs.get(id)?.language])),
    };
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

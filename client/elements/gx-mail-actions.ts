import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { composeFrom, followUpFrom, forwardOf, replyTo } from '../controllers/mail-drafts.js';
import { sendingRefusal } from '../controllers/mail-sending.js';
import { fileMessageOn } from '../controllers/mail-filing.js';
import { saveDocument } from '../controllers/save-document.js';
import type { Locale } from '../i18n/locale.js';
import type { NewDocument } from './gx-document-pane.js';
import { paneStyles } from './styles.js';

/** The two ways of filing a lead: under an existing contact, or under a new contact of a customer. */
type Filing = 'contact' | 'customer';
const PICKED_FORM: Record<Filing, string> = { contact: 'Contact', customer: 'Customer' };

/**
 * Mail on an open document: "Write e-mail" on a customer or contact (and a follow-up mail to be
 * sent later, on a contact), Reply and Forward on a
 * message, and on a received message not yet filed (a lead) its filing, which the server does.
 */
@customElement('gx-mail-actions')
export class GxMailActions extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 6px 0 10px; }
    .row { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 4px 0; }
    .lead { border: 1px solid #c9d5e3; background: #f4f7fb; padding: 6px 8px; border-radius: 3px; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @state() private accessor queries: Record<Filing, string> = { contact: '', customer: '' };
  @state() private accessor chosen: Record<Filing, string> = { contact: '', customer: '' };
  @state() private accessor message = '';
  @state() private accessor failed = false;
  @state() private accessor busy = false;

  override render() {
    const { db, doc } = this;
    if (!db || !doc?._id || !decideWrite(db.access, null, { form: 'MailMessage' }).allowed) return nothing;
    const t = this.locale.t;
    if (doc.form === 'Contact' || doc.form === 'Customer') {
      return html`<div class="row"><button data-mail="compose" @click=${() => void this.open(composeFrom(doc))}>✉ ${t.writeMail}</button>
        ${doc.form === 'Contact' ? html`<button data-mail="follow-up" @click=${() => void this.open(followUpFrom(doc, new Date(), db.user.name), 'DueWork')}>${t.scheduleFollowUp}</button>` : nothing}</div>
        ${this.message ? html`<div class=${this.failed ? 'error' : 'muted'} role="status">${this.message}</div>` : nothing}`;
    }
    if (doc.form !== 'MailMessage') return nothing;
    const lead = doc.direction === 'in' && (typeof doc.contactId !== 'string' || doc.contactId === '');
    return html`
      ${this.sendProblem(doc)}
      <div class="row">
        <button data-mail="reply" @click=${() => void this.open(replyTo(doc, t.quoteHeader(this.when(doc), this.sender(doc))))}>${t.reply}</button>
        <button data-mail="forward" @click=${() => void this.forward(doc)}>${t.forward}</button>
      </div>
      ${lead ? html`<div class="lead">
        <div>${t.leadTitle}</div>
        ${this.picker('contact', t.findContact, t.assignToContact)}
        ${this.picker('customer', t.findCustomer, t.createContactFromSender)}
      </div>` : nothing}
      ${this.message ? html`<div class=${this.failed ? 'error' : 'muted'} role="status">${this.message}</div>` : nothing}`;
  }

  /** Why an outgoing message has not gone: given up (failed), or to be tried again (queued). The reason is the server's, in both languages. */
  private sendProblem(doc: Doc) {
    if (doc.direction === 'out' && doc.status === 'uncertain') return this.uncertain(doc);
    if (doc.direction !== 'out' || typeof doc.lastError !== 'string' || doc.lastError === '' || (doc.status !== 'failed' && doc.status !== 'queued')) return nothing;
    const t = this.locale.t;
    const text = doc.status === 'failed' || typeof doc.nextAttemptAt !== 'string' ? t.sendFailed(doc.lastError) : t.sendRetrying(doc.lastError, this.locale.dateTime(doc.nextAttemptAt));
    return html`<div class="error" role="alert" data-send-problem=${String(doc.status)}>${text}</div>`;
  }

  /** A server stopped while sending it: the person checks with the recipient, then resends it (same Message-ID) or lets it be. */
  private uncertain(doc: Doc) {
    const t = this.locale.t;
    return html`<div class="error" role="alert" data-send-problem="uncertain">${t.sendUncertain(String(doc.lastError ?? ''))}</div>
      <div class="row">
        <button data-mail="resend" ?disabled=${this.busy} @click=${() => void this.settle(doc, 'queued')}>${t.resend}</button>
        <button data-mail="dismiss" ?disabled=${this.busy} @click=${() => void this.settle(doc, 'dismissed')}>${t.dismissMessage}</button>
      </div>`;
  }

  private async settle(doc: Doc, status: 'queued' | 'dismissed'): Promise<void> {
    if (!this.db) return;
    this.busy = true;
    const outcome = await saveDocument(this.db, { ...doc, status }, doc);
    this.busy = false;
    this.failed = !outcome.ok;
    this.message = outcome.ok ? '' : outcome.errors.map((e) => this.locale.label(e.message)).join(' ');
  }

  /** A name typed, the matching documents of the replica to choose from, and the button that files. */
  private picker(kind: Filing, label: string, action: string) {
    const query = this.queries[kind];
    const hits = query.trim() === '' ? [] : (this.db?.search.search(query, 50).hits ?? []).filter((hit) => hit.form === PICKED_FORM[kind]);
    return html`<div class="row" data-filing=${kind}>
      <input aria-label=${label} placeholder=${label} .value=${query}
        @input=${(e: Event) => { this.queries = { ...this.queries, [kind]: (e.target as HTMLInputElement).value }; }}>
      <select aria-label=${label} @change=${(e: Event) => { this.chosen = { ...this.chosen, [kind]: (e.target as HTMLSelectElement).value }; }}>
        <option value="">—</option>
        ${hits.map((hit) => html`<option value=${hit.id} ?selected=${this.chosen[kind] === hit.id}>${hit.title}</option>`)}
      </select>
      <button data-mail=${kind === 'contact' ? 'assign' : 'create-contact'} ?disabled=${this.busy} @click=${() => void this.file(kind)}>${action}</button>
    </div>`;
  }

  private async file(kind: Filing): Promise<void> {
    const t = this.locale.t;
    const id = this.chosen[kind];
    if (!id) {
      [this.message, this.failed] = [t.chooseFirst, true];
      return;
    }
    this.busy = true;
    const outcome = await fileMessageOn(this.doc!._id!, kind === 'contact' ? { contactId: id } : { customerId: id });
    this.busy = false;
    this.failed = !outcome.ok;
    this.message = outcome.ok ? (kind === 'contact' ? t.assigned : t.contactCreated)
      : t.filingFailed(typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason));
  }

  /** The original's text and its files: the attachments are read whole, since a new document cannot share another's. */
  private async forward(doc: Doc): Promise<void> {
    const t = this.locale.t;
    const header = t.forwardHeader(this.sender(doc), this.when(doc), String(doc.subject ?? ''), (Array.isArray(doc.to) ? doc.to : []).join(', '));
    const values = forwardOf(doc, header);
    if (doc._attachments && this.db) {
      const full = await this.db.pouch.get(doc._id!, { attachments: true });
      values._attachments = Object.fromEntries(Object.entries(full._attachments ?? {}).map(([name, a]) =>
        [name, { content_type: a.content_type, data: (a as { data: string }).data }]));
    }
    await this.open(values);
  }

  private sender(doc: Doc): string {
    const from = String(doc.from ?? '');
    return typeof doc.fromName === 'string' && doc.fromName !== '' ? `${doc.fromName} <${from}>` : from;
  }

  private when(doc: Doc): string {
    const date = doc.date ?? doc.sentAt ?? doc.created;
    return typeof date === 'string' ? this.locale.dateTime(date) : '';
  }

  /** Opens the message (or follow-up) to write; a message only when the server could send it, else says why. */
  private async open(values: Doc, form = 'MailMessage'): Promise<void> {
    const refusal = form === 'MailMessage' ? await sendingRefusal() : null;
    [this.message, this.failed] = refusal ? [this.locale.label(refusal), true] : ['', false];
    if (refusal) return;
    const detail: NewDocument = { form, values };
    this.dispatchEvent(new CustomEvent('gx-new-document', { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-mail-actions': GxMailActions;
  }
}

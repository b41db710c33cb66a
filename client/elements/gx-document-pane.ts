import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { keyed } from 'lit/directives/keyed.js';
import { decideWrite } from '../../design/access/document-access.js';
import { isLockedForApproval } from '../../design/approval/approval-fields.js';
import { withConfiguredChoices } from '../../design/configured-choices.js';
import { CRM_SETTINGS_ID } from '../../design/forms/crm-configured.js';
import type { Doc, FieldError, FormDef } from '../../design/form.js';
import { formByName, formsOf } from '../../design/forms/index.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { StoredDoc } from '../controllers/pouch.js';
import { crmActionsFor, runCrmAction, type CrmAction } from '../controllers/crm-actions.js';
import { isUnsentDraft, sendErrors } from '../controllers/mail-drafts.js';
import { applyCreditTerms, newCreditTermsOf, newQuotationOf, quotationActionsFor, quotationPdfUrl, remindPayment, sendQuotation, type QuotationAction } from '../controllers/quotation-actions.js';
import { rebaseDraft } from '../controllers/rebase-draft.js';
import { deleteRevisions, saveDocument } from '../controllers/save-document.js';
import type { Locale } from '../i18n/locale.js';
import type { Action } from './gx-action-bar.js';
import './gx-action-bar.js';
import { isShownField } from '../controllers/shown-fields.js';
import { sameJson } from '../controllers/json-equal.js';
import { valuesFromCustomer } from '../../design/values-from-customer.js';
import { actionValuesFrom, takesAction } from '../../design/action-from-document.js';
import { markRead } from '../messages/mark-read.js';
import './gx-approval-steps.js';
import { calendarActionsFor, calendarActionTexts, runCalendarAction, type CalendarAction } from '../calendar/calendar-actions.js';
import '../calendar/gx-customer-calendar.js';
import './gx-complaint-steps.js';
import './gx-report-comment.js';
import './gx-document-files.js';
import './gx-field.js';
import './gx-follow-thread.js';
import './gx-mail-actions.js';
import './gx-mail-html.js';
import './gx-mail-account-passwords.js';
import './gx-web-form-code.js';
import './gx-mail-template-picker.js';
import { paneStyles } from './styles.js';

/** What is made from a customer most days (a visit planned among them): buttons of their own; the rest (a fax, a nurture sequence, scheduled work…) in the bar's menu. */
const MAIN_CHILD_FORMS: ReadonlySet<string> = new Set(['Contact', 'Deal', 'Activity', 'Appointment', 'Complaint', 'Support']);

const QUOTATION_LABELS: Record<QuotationAction, (t: Locale['t']) => string> = {
  'new-quotation': (t) => t.quotationNew, 'new-proforma': (t) => t.proformaNew, 'payment-reminder': (t) => t.paymentReminder,
  pdf: (t) => t.quotationPdf, send: (t) => t.quotationSend,
  'new-credit-terms': (t) => t.creditTermsNew, 'apply-credit-terms': (t) => t.creditTermsApply,
};

/** A document to create: its form and the values it starts with (a response's parent, a contact's customer). */
export interface NewDocument {
  readonly form: string;
  readonly values: Doc;
}

/**
 * The document pane: a document read through its design/ form, or edited with the form's field
 * types, required marks and validation messages beside the fields. Saves go through design/ as the
 * signed-in user (controllers/save-document.ts).
 */
@customElement('gx-document-pane')
export class GxDocumentPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; background: #fff; }
    .body { overflow: auto; padding: 10px 16px 24px; flex: 1; }
    h2 { font-size: 17px; margin: 4px 0 2px; color: #13304f; word-break: break-word; }
    .form-name { font-size: 12px; color: #5b6b7c; }
    .meta { font-size: 12px; margin: 2px 0 10px; }
    .notice { background: #fdecea; border: 1px solid #e6a19b; padding: 6px 10px; margin: 6px 0; border-radius: 3px; display: flex; gap: 10px; align-items: center; }
    .errors { color: #b3261e; margin: 6px 0; }
    .placeholder { padding: 24px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property() accessor docId: string | null = null;
  @property({ attribute: false }) accessor newDocument: NewDocument | null = null;
  /** The replica's change count: a document open here is read again when it changes. */
  @property({ type: Number }) accessor revision = 0;
  @state() private accessor draft: Doc | null = null;
  /** The stored version the draft was begun from: the person's changes are what differ from it. */
  private base: Doc | null = null;
  @state() private accessor errors: readonly FieldError[] = [];
  /** Counts replacements of the draft's values from outside the fields: inputs keep what was typed, so they are made anew. */
  @state() private accessor replaced = 0;

  private readonly doc = new Task(this, {
    task: async ([db, id]) => {
      if (!db || !id) return null;
      const doc = await db.getDoc(id);
      if (doc && !db.isFromServer(doc)) {
        void db.readMarks?.markRead(id);
        // Opening a message or bulletin someone else wrote tells them it was read.
        void markRead(db, doc);
      }
      return doc;
    },
    args: () => [this.db, this.docId, this.revision] as const,
  });

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('newDocument') && this.newDocument) {
      this.draft = { ...this.defaults(this.newDocument.form), ...this.newDocument.values, form: this.newDocument.form };
      this.base = this.draft;
      this.errors = [];
    } else if (changed.has('docId') || changed.has('db')) {
      this.draft = null;
      this.errors = [];
    }
  }

  /** Whether the person has changed what they are editing: leaving it then asks first. */
  get hasUnsavedChanges(): boolean {
    return this.draft !== null && !sameJson(this.draft, this.base);
  }

  /** Saves what is being edited, as the Save button does; false when it was refused (the errors show). */
  async saveDraft(): Promise<boolean> {
    const draft = this.draft;
    if (!draft) return true;
    const form = typeof draft.form === 'string' ? formByName(draft.form) : undefined;
    await this.onAction('save', draft, this.newDocument ? null : (this.doc.value as Doc | null) ?? null, form);
    return this.draft === null;
  }

  discardDraft(): void {
    if (this.draft) void this.onAction('cancel', this.draft, null, undefined);
  }

  /**
   * The form's defaults, shown in a new document before its first save (which would give them
   * anyway), and what the form offers only here (a salesperson as a new customer's owner). Roles
   * are the person's in this database, those their ACL entry gives included.
   */
  private defaults(formName: string): Doc {
    const form = formByName(formName);
    const db = this.db;
    if (!form || !db) return {};
    const ctx = { user: { ...db.user, roles: [...new Set([...db.user.roles, ...db.access.roles])] }, now: new Date().toISOString() };
    return Object.fromEntries(Object.entries(form.fields).flatMap(([name, def]) => {
      const value = def.formDefault?.(ctx) ?? (typeof def.default === 'function' ? def.default(ctx) : def.default);
      return value === undefined ? [] : [[name, value]];
    }));
  }

  override updated(): void {
    const doc = this.doc.value;
    if (doc && doc._id === this.docId && performance.getEntriesByName('gx:doc-open').length > 0) {
      requestAnimationFrame(() => {
        if (performance.getEntriesByName('gx:doc-open').length === 0) return;
        performance.measure('gx:doc-shown', 'gx:doc-open');
        performance.clearMarks('gx:doc-open');
      });
    }
  }

  override render() {
    const t = this.locale.t;
    if (this.draft) return this.renderForm(this.draft, this.newDocument ? null : this.doc.value ?? null, true);
    if (!this.docId) return html`<div class="placeholder muted">${t.chooseDocument}</div>`;
    return this.doc.render({
      pending: () => (this.doc.value ? this.renderForm(this.doc.value as Doc, this.doc.value as Doc, false) : html`<div class="placeholder muted">${t.loading}</div>`),
      complete: (doc) => (doc ? this.renderForm(doc as Doc, doc as Doc, false) : html`<div class="placeholder muted">${t.documentMissing}</div>`),
      error: (error) => html`<div class="placeholder errors">${String(error)}</div>`,
    });
  }

  private renderForm(doc: Doc, stored: Doc | null, editing: boolean) {
    const t = this.locale.t;
    const form = typeof doc.form === 'string' ? formByName(doc.form) : undefined;
    const titleValue = form ? doc[form.titleField] : undefined;
    // A title field that names people (an interest profile's owner) reads as their names, never the id.
    const title = Array.isArray(titleValue) ? titleValue.join(', ') : titleValue;
    const conflicts = (stored as StoredDoc | null)?._conflicts ?? [];
    const errorOf = (field: string) => {
      const error = this.errors.find((e) => e.field === field);
      return error ? this.locale.label(error.message) : undefined;
    };
    // An entry's cell (`payments.0.amount`) is shown in its field's table.
    const cellErrors = new Map(this.errors.filter((e) => e.field.includes('.')).map((e) => [e.field, this.locale.label(e.message)]));
    // Files' errors show in their own section (gx-document-files), as the user picks them.
    const unplaced = this.errors.filter((e) => e.field !== '_attachments' && (!form || !(e.field.split('.')[0]! in form.fields)));
    return html`
      <gx-action-bar .actions=${this.actions(doc, stored, form, editing)} @gx-action=${(e: CustomEvent<string>) => this.onAction(e.detail, doc, stored, form)}></gx-action-bar>
      <div class="body">
        <div class="form-name">${form ? this.locale.label(form.label) : String(doc.form ?? '')}</div>
        <h2>${typeof title === 'string' && title !== '' ? title : editing ? this.locale.t.newDocument(form ? this.locale.label(form.label) : '') : doc._id}</h2>
        ${stored && !editing ? html`<div class="meta muted">${t.modified}: ${this.locale.dateTime(String(stored.modified ?? ''))} · ${String(stored.modifiedBy ?? '')}</div>` : nothing}
        ${stored && !editing && this.db?.isFromServer(stored) ? html`<div class="meta muted" data-from-server>${this.db.filled.value ? t.fromServerNotKept : t.fromServer}</div>` : nothing}
        ${conflicts.length > 0 ? html`<div class="notice" data-conflict><span class="conflict-mark">⚠ ${t.conflictMark}</span> ${t.conflictNotice}
          <button @click=${() => this.fire('gx-compare', stored!._id!)}>${t.compareVersions}</button></div>` : nothing}
        ${form?.approval && !editing ? html`<gx-approval-steps dbName=${this.db?.name ?? ''} .doc=${stored} .def=${form.approval} .user=${this.db?.user ?? null} .crmSettings=${this.db?.settings(CRM_SETTINGS_ID) ?? null}></gx-approval-steps>` : nothing}
        ${form?.name === 'WorkReport' && !editing ? html`<gx-report-comment .db=${this.db} .doc=${stored}></gx-report-comment>` : nothing}
        ${form?.name === 'Complaint' && !editing ? html`<gx-complaint-steps .doc=${stored} .user=${this.db?.user ?? null}></gx-complaint-steps>` : nothing}
        ${form?.name === 'Customer' && !editing ? html`<gx-customer-calendar .db=${this.db} customerId=${stored?._id ?? ''} revision=${this.revision}></gx-customer-calendar>` : nothing}
        ${(form?.name === 'Topic' || form?.name === 'Response') && !editing ? html`<gx-follow-thread .db=${this.db} .doc=${stored} .revision=${this.revision}></gx-follow-thread>` : nothing}
        ${editing ? (isUnsentDraft(doc) ? html`<gx-mail-template-picker .db=${this.db} .doc=${doc} @gx-mail-template=${this.onInputs}></gx-mail-template-picker>` : nothing)
          : html`<gx-mail-actions .db=${this.db} .doc=${stored}></gx-mail-actions>`}
        ${form?.name === 'MailMessage' && !editing ? html`<gx-mail-html .db=${this.db} .doc=${stored}></gx-mail-html>` : nothing}
        ${form?.name === 'MailAccount' && !editing ? html`<gx-mail-account-passwords .db=${this.db} .doc=${stored}></gx-mail-account-passwords>` : nothing}
        ${form?.name === 'WebForm' && !editing ? html`<gx-web-form-code .db=${this.db} .doc=${stored}></gx-web-form-code>` : nothing}
        ${this.errors.length > 0 ? html`<div class="errors" role="alert">${t.fixErrors} ${unplaced.map((e) => this.locale.label(e.message)).join(' ')}</div>` : nothing}
        ${form ? keyed(this.replaced, Object.entries(form.fields).filter(([name]) => isShownField(doc, name, editing) || errorOf(name)).map(([name, def]) => html`
          <gx-field name=${name} .def=${this.db ? withConfiguredChoices(def, this.db.settings) : def} .value=${doc[name]} .doc=${doc} ?editing=${editing} error=${errorOf(name) ?? nothing} .cellErrors=${cellErrors}
            @gx-field-input=${this.onInput}></gx-field>`)) : nothing}
        <gx-document-files .db=${this.db} .doc=${doc} .stored=${stored} .form=${form} ?editing=${editing} @gx-field-input=${this.onInput}></gx-document-files>
      </div>`;
  }

  private actions(doc: Doc, stored: Doc | null, form: FormDef | undefined, editing: boolean): Action[] {
    const t = this.locale.t;
    const db = this.db;
    if (!db) return [];
    // A message being written is sent (queued for the server) or kept as a draft.
    if (editing) return [...(isUnsentDraft(doc) ? [{ id: 'send', label: t.send, primary: true }] : []), { id: 'save', label: t.save, primary: !isUnsentDraft(doc) }, { id: 'cancel', label: t.cancel }];
    // A document shown from the server is edited once it is in the replica (it arrives, or is pinned).
    if (stored && db.isFromServer(stored)) return db.filled.value && db.fetchFromServer ? [{ id: 'pin', label: t.pinOffline, primary: true }] : [];
    if (!stored) return [];
    const actions: Action[] = [];
    // A document with its approvers is changed through its steps only (gx-approval-steps).
    const locked = form?.approval !== undefined && isLockedForApproval(stored);
    if (!locked && decideWrite(db.access, stored, stored).allowed) actions.push({ id: 'edit', label: t.edit, primary: true });
    if (decideWrite(db.access, stored, { ...stored, _deleted: true }).allowed) actions.push({ id: 'delete', label: t.delete });
    for (const action of crmActionsFor(db.access, stored)) actions.push({ id: `crm:${action}`, label: action === 'urge' ? t.urge : t.handOver });
    for (const action of quotationActionsFor(db.access, stored)) actions.push({ id: `quote:${action}`, label: QUOTATION_LABELS[action](t) });
    for (const action of calendarActionsFor(db.user.name, stored)) {
      actions.push({ id: `calendar:${action}`, label: calendarActionTexts(action, t).label });
    }
    for (const child of this.childForms(form)) {
      actions.push({ id: `new:${child.name}`, label: child.response ? t.respond : t.newDocument(this.locale.label(child.label)), more: !child.response && !MAIN_CHILD_FORMS.has(child.name) });
    }
    if (db.name === 'crm' && takesAction(stored) && decideWrite(db.access, null, { form: 'Action' }).allowed) actions.push({ id: 'gtd:action', label: t.makeAction });
    if (db.name === 'crm' && stored.form !== 'Receipt' && decideWrite(db.access, null, { form: 'Message' }).allowed) actions.push({ id: 'msg:about', label: t.sendAsMessage });
    if (typeof stored.linkDb === 'string' && typeof stored.linkId === 'string' && stored.form === 'Message') actions.push({ id: 'msg:link', label: t.openLinked });
    return actions;
  }

  /** Forms created from this document: responses to it, and records that name it as their customer. */
  private childForms(form: FormDef | undefined): FormDef[] {
    const db = this.db;
    if (!db || !form) return [];
    return formsOf(db.name).filter((child) => decideWrite(db.access, null, { form: child.name }).allowed
      // Messages are written through gx-mail-actions, which addresses and files them; receipts say "read" on opening.
      && child.name !== 'MailMessage' && child.name !== 'Receipt'
      && (child.response || (form.name === 'Customer' && 'customerId' in child.fields)));
  }

  private async onAction(action: string, doc: Doc, stored: Doc | null, form: FormDef | undefined): Promise<void> {
    const db = this.db;
    if (!db) return;
    if (action === 'edit') {
      this.draft = { ...doc };
      this.base = doc;
    } else if (action === 'cancel') {
      this.draft = null;
      this.errors = [];
      if (this.newDocument) this.fire('gx-new-cancelled', '');
    } else if (action === 'save' || action === 'send') {
      const edited = action === 'send' ? { ...doc, status: 'queued' } : doc;
      const unsendable = action === 'send' ? sendErrors(edited) : [];
      if (unsendable.length > 0) {
        this.errors = unsendable;
        return;
      }
      const draft = stored && this.base && stored._rev !== this.base._rev ? rebaseDraft(edited, this.base, stored) : edited;
      const outcome = await saveDocument(db, draft, stored);
      if (!outcome.ok) {
        this.errors = outcome.errors;
        return;
      }
      // Read back before leaving the form: the pane would otherwise show the version before the
      // save until the replica's change is noticed, and its actions (a quotation from the deal's
      // lines) would use it.
      if (stored) await this.doc.run();
      this.draft = null;
      this.errors = [];
      this.fire('gx-document-saved', outcome.id);
    } else if (action === 'pin' && stored?._id) {
      const pinned = await db.pin(stored._id).then(() => true, () => false);
      this.fire('gx-notice', pinned ? this.locale.t.pinned : this.locale.t.pinFailed);
      await this.doc.run();
    } else if (action === 'delete' && stored?._rev && confirm(this.locale.t.confirmDelete)) {
      await deleteRevisions(db, stored._id!, [stored._rev]);
      this.fire('gx-document-deleted', stored._id!);
    } else if (action.startsWith('crm:') && stored) {
      await this.crmAction(action.slice(4) as CrmAction, stored);
    } else if (action.startsWith('quote:') && stored) {
      await this.quotationAction(action.slice(6) as QuotationAction, stored);
    } else if ((action === 'gtd:action' || action === 'msg:about') && stored && form) {
      const title = stored[form.titleField];
      const values: Doc = action === 'gtd:action' ? actionValuesFrom(stored, title)
        : { linkDb: db.name, linkId: stored._id, linkTitle: typeof title === 'string' ? title.slice(0, 300) : undefined, subject: typeof title === 'string' ? title.slice(0, 300) : undefined };
      this.dispatchEvent(new CustomEvent('gx-new-document', { detail: { form: action === 'gtd:action' ? 'Action' : 'Message', values }, bubbles: true, composed: true }));
    } else if (action === 'msg:link' && stored) {
      this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: stored.linkDb, id: stored.linkId }, bubbles: true, composed: true }));
    } else if (action.startsWith('calendar:') && stored) {
      const outcome = await runCalendarAction(db, action.slice(9) as CalendarAction, stored, this.locale.t.calendarImportOffline);
      const text = outcome.ok ? calendarActionTexts(action.slice(9) as CalendarAction, this.locale.t).done
        : this.locale.t.actionFailed(typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason));
      this.dispatchEvent(new CustomEvent('gx-notice', { detail: text, bubbles: true, composed: true }));
    } else if (action.startsWith('new:') && stored) {
      const child = formByName(action.slice(4));
      if (!child) return;
      const title = form ? stored[form.titleField] : undefined;
      const values: Doc = child.response
        ? { parent: stored._id, subject: typeof title === 'string' ? `Re: ${title}` : undefined }
        : valuesFromCustomer(child, stored, title);
      this.dispatchEvent(new CustomEvent('gx-new-document', { detail: { form: child.name, values }, bubbles: true, composed: true }));
    }
  }

  private async crmAction(action: CrmAction, stored: Doc): Promise<void> {
    const t = this.locale.t;
    const input = prompt(action === 'urge' ? t.urgePrompt : t.handOverPrompt);
    if (input === null || (action === 'hand-over' && input.trim() === '')) return;
    const outcome = await runCrmAction(action, stored, input.trim());
    const text = outcome.ok ? (action === 'urge' ? t.urged : t.handedOver)
      : t.actionFailed(typeof outcome.message === 'string' ? outcome.message : this.locale.label(outcome.message));
    this.dispatchEvent(new CustomEvent('gx-notice', { detail: text, bubbles: true, composed: true }));
  }

  private async quotationAction(action: QuotationAction, stored: Doc): Promise<void> {
    const t = this.locale.t;
    if (action === 'new-quotation' || action === 'new-proforma') {
      this.dispatchEvent(new CustomEvent('gx-new-document', { detail: newQuotationOf(stored, action), bubbles: true, composed: true }));
      return;
    }
    if (action === 'new-credit-terms') {
      this.dispatchEvent(new CustomEvent('gx-new-document', { detail: newCreditTermsOf(stored), bubbles: true, composed: true }));
      return;
    }
    if (action === 'pdf') {
      window.open(quotationPdfUrl(stored), '_blank', 'noopener');
      return;
    }
    let outcome;
    let done: string;
    if (action === 'apply-credit-terms') {
      [outcome, done] = [await applyCreditTerms(stored), t.creditTermsApplied];
    } else if (action === 'send') {
      if (!confirm(t.quotationSendConfirm(String(stored.to ?? '')))) return;
      [outcome, done] = [await sendQuotation(stored), t.quotationSent];
    } else {
      const to = prompt(t.paymentReminderPrompt);
      if (to === null) return;
      [outcome, done] = [await remindPayment(stored, to.trim()), t.paymentReminderSent(to.trim())];
    }
    const text = outcome.ok ? done : t.actionFailed(typeof outcome.message === 'string' ? outcome.message : this.locale.label(outcome.message));
    this.dispatchEvent(new CustomEvent('gx-notice', { detail: text, bubbles: true, composed: true }));
  }

  private readonly onInput = (e: CustomEvent<{ name: string; value: unknown }>) => {
    if (!this.draft) return;
    const draft = { ...this.draft };
    if (e.detail.value === undefined) delete draft[e.detail.name];
    else draft[e.detail.name] = e.detail.value;
    this.draft = draft;
    const mine = (error: FieldError) => error.field === e.detail.name || error.field.startsWith(`${e.detail.name}.`);
    if (this.errors.some(mine)) this.errors = this.errors.filter((error) => !mine(error));
  };

  /** Several fields at once (a mail template's subject and body). */
  private readonly onInputs = (e: CustomEvent<Doc>) => {
    if (!this.draft) return;
    this.draft = { ...this.draft, ...e.detail };
    this.replaced++;
  };

  private fire(name: string, detail: string): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-document-pane': GxDocumentPane;
  }
}

import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Lang } from '../../design/label.js';
import { viewById, viewsOf } from '../../views/catalog.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { readStored, writeStored } from '../controllers/user-storage.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import type { GxDocumentPane, NewDocument } from './gx-document-pane.js';
import { dialogStyles } from './dialog-styles.js';
import type { PrintTarget } from './gx-print-dialog.js';
import '../admin/gx-admin-pane.js';
import './gx-conflict-pane.js';
import './gx-document-pane.js';
import './gx-navigator.js';
import { clampSplit } from './gx-pane-splitter.js';
import './gx-notice-tray.js';
import './gx-search-results.js';
import './gx-status-indicator.js';
import './gx-view-pane.js';
import './gx-import-dialog.js';
import './gx-print-dialog.js';
import { REVIEW_PAGE } from '../gtd/gx-review-pane.js';
import '../gtd/gx-capture-line.js';
import { HOME_PAGE } from '../home/gx-home-pane.js';
import { RECEIVED_MESSAGES_PAGE } from '../messages/gx-received-messages-pane.js';
import { REPLICA_PAGE } from './gx-replica-pane.js';
import { STATISTICS_PAGE } from './gx-statistics-pane.js';
import { EXPENSE_STATISTICS_PAGE } from './gx-expense-statistics-pane.js';
import { MISSING_REPORTS_PAGE } from './gx-missing-reports-pane.js';
import { WAITING_APPROVALS_PAGE } from '../office/gx-waiting-approvals-pane.js';
import { CALENDAR_PAGE } from '../calendar/gx-calendar-pane.js';
import { paneStyles } from './styles.js';

/** Where this browser keeps how the splitter divides the view and the document panes. */
const SPLIT_KEY = 'guanxi.split';

/** Where the user is, kept in the address (`#/crm/customers-by-category/<doc id>`) so a reload returns there. */
interface Place {
  readonly db: string;
  readonly viewId: string;
  readonly docId: string | null;
}

/**
 * The workstation's layout, Notes style: a header (search, language, status, user), the
 * navigator on the left, the view pane above the document pane on the right.
 */
@customElement('gx-workstation')
export class GxWorkstation extends LitElement {
  static override styles = [paneStyles, dialogStyles, css`
    :host { display: grid; grid-template-rows: auto 1fr; grid-template-columns: 230px 1fr; height: 100%; }
    header { grid-column: 1 / 3; display: flex; gap: 12px; align-items: center; padding: 5px 10px; background: linear-gradient(#2f5f95, #244b78); color: #fff; }
    header .brand { font-weight: 700; font-size: 15px; letter-spacing: .02em; }
    header input[type=search] { flex: 1; max-width: 420px; }
    header select { padding: 1px 3px; }
    header .user { margin-left: auto; display: flex; gap: 8px; align-items: center; }
    gx-status-indicator { background: #f2f5f9; padding: 2px 8px; border-radius: 10px; color: #1d2733; }
    gx-navigator { grid-row: 2; min-height: 0; }
    main { grid-row: 2; display: grid; grid-template-rows: minmax(0, 50fr) auto minmax(0, 50fr); min-height: 0; min-width: 0; }
    main > * { min-height: 0; }
    main.admin, main.whole { grid-template-rows: minmax(0, 1fr); }
    .toast { position: fixed; bottom: 14px; left: 50%; transform: translateX(-50%); background: #13304f; color: #fff; padding: 6px 14px; border-radius: 4px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @state() private accessor place: Place = placeFromHash();
  @state() private accessor newDocument: NewDocument | null = null;
  @state() private accessor comparing = false;
  /** The view pane's share of the height, as the splitter left it on this browser. */
  @state() private accessor split = storedSplit();
  @state() private accessor query = '';
  @state() private accessor notice = '';
  /** Where the person asked to go while the open document had unsaved changes: the question is open. */
  @state() private accessor leaving: Place | null = null;
  /** Administration (Managers only) in place of the view and document panes. */
  @state() private accessor adminOpen = false;
  /** The print or import dialog, over everything while it is open. */
  @state() private accessor dialog: { readonly print: PrintTarget } | 'import' | null = null;
  private readonly revision = new WatchController<number>(this);
  private readonly onHashChange = () => (this.place = placeFromHash());

  private readonly onBeforeUnload = (e: BeforeUnloadEvent) => {
    if (this.documentPane?.hasUnsavedChanges) e.preventDefault();
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHashChange);
    window.addEventListener('beforeunload', this.onBeforeUnload);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('hashchange', this.onHashChange);
    window.removeEventListener('beforeunload', this.onBeforeUnload);
  }

  private get documentPane(): GxDocumentPane | null {
    return this.renderRoot.querySelector('gx-document-pane');
  }

  /** Goes there, unless the open document has unsaved changes: then asks first (save, discard, stay). */
  private leaveFor(place: Place): void {
    if (this.documentPane?.hasUnsavedChanges) this.leaving = place;
    else this.go(place, true);
  }

  private async answerLeaving(choice: 'save' | 'discard' | 'stay'): Promise<void> {
    const place = this.leaving;
    this.leaving = null;
    const pane = this.documentPane;
    if (!place || choice === 'stay' || !pane) return;
    if (choice === 'save' && !(await pane.saveDraft())) return;
    if (choice === 'discard') pane.discardDraft();
    this.go(place, true);
  }

  override willUpdate(): void {
    const db = this.database;
    if (!db && this.workspace) this.place = defaultPlace(this.workspace);
    this.revision.follow(this.database?.revision);
  }

  private get database(): LocalDatabase | undefined {
    return this.workspace?.database(this.place.db);
  }

  override render() {
    const workspace = this.workspace;
    if (!workspace) return nothing;
    const t = this.locale.t;
    const db = this.database;
    const whole = this.wholePage;
    return html`
      <header>
        <span class="brand">${t.appName}</span>
        <gx-capture-line @gx-notice=${(e: CustomEvent<string>) => this.showNotice(e.detail)}></gx-capture-line>
        <input type="search" aria-label=${t.search} placeholder=${t.searchPlaceholder} .value=${this.query}
          @input=${(e: Event) => (this.query = (e.target as HTMLInputElement).value.trim())}>
        <select aria-label=${t.language} @change=${(e: Event) => this.fire('gx-language', (e.target as HTMLSelectElement).value as Lang)}>
          <option value="zh" ?selected=${this.locale.lang === 'zh'}>中文</option>
          <option value="en" ?selected=${this.locale.lang === 'en'}>English</option>
        </select>
        <div class="user">
          <gx-notice-tray @gx-open-document=${this.onOpenDocument} @gx-notice=${(e: CustomEvent<string>) => this.showNotice(e.detail)}></gx-notice-tray>
          <gx-status-indicator></gx-status-indicator>
          ${workspace.databases.some((d) => d.info.level === 'manager')
            ? html`<button data-action="admin" @click=${() => (this.adminOpen = !this.adminOpen)}>${t.admin}</button>` : nothing}
          <span>${workspace.user.name}</span>
          <button @click=${() => this.fire('gx-sign-out', '')}>${t.signOut}</button>
        </div>
      </header>
      <gx-navigator .databases=${workspace.databases} openViewId=${this.query ? '' : this.place.viewId} @gx-open-view=${this.onOpenView}></gx-navigator>
      ${this.adminOpen ? html`<main class="admin"><gx-admin-pane @gx-admin-closed=${() => (this.adminOpen = false)}></gx-admin-pane></main>` : html`<main class=${whole ? 'whole' : ''} @gx-split=${this.onSplit} @gx-open-document=${this.onOpenDocument} @gx-new-document=${this.onNewDocument} @gx-open-view=${this.onOpenView}
          @gx-notice=${(e: CustomEvent<string>) => this.showNotice(e.detail)}
          @gx-print=${(e: CustomEvent<PrintTarget>) => (this.dialog = { print: e.detail })} @gx-import=${() => (this.dialog = 'import')}>
        ${this.query
          ? html`<gx-search-results .databases=${workspace.databases} query=${this.query}></gx-search-results>`
          : this.place.viewId === STATISTICS_PAGE ? html`<gx-statistics-pane></gx-statistics-pane>`
          : this.place.viewId === HOME_PAGE ? html`<gx-home-pane revision=${this.revision.value ?? 0}></gx-home-pane>`
          : this.place.viewId === REVIEW_PAGE ? html`<gx-review-pane revision=${this.revision.value ?? 0}></gx-review-pane>`
          : this.place.viewId === EXPENSE_STATISTICS_PAGE ? html`<gx-expense-statistics-pane></gx-expense-statistics-pane>`
          : this.place.viewId === MISSING_REPORTS_PAGE ? html`<gx-missing-reports-pane></gx-missing-reports-pane>`
          : this.place.viewId === WAITING_APPROVALS_PAGE ? html`<gx-waiting-approvals-pane></gx-waiting-approvals-pane>`
          : this.place.viewId === CALENDAR_PAGE ? html`<gx-calendar-pane></gx-calendar-pane>`
          : this.place.viewId === RECEIVED_MESSAGES_PAGE ? html`<gx-received-messages-pane></gx-received-messages-pane>`
          : this.place.viewId === REPLICA_PAGE ? html`<gx-replica-pane></gx-replica-pane>`
          : html`<gx-view-pane .db=${db} viewId=${this.place.viewId} selectedId=${this.place.docId ?? ''}></gx-view-pane>`}
        ${whole ? nothing : html`<gx-pane-splitter fraction=${this.split}></gx-pane-splitter>`}
        ${whole ? nothing : this.comparing && this.place.docId
          ? html`<gx-conflict-pane .db=${db} docId=${this.place.docId} @gx-conflict-closed=${() => (this.comparing = false)}></gx-conflict-pane>`
          : html`<gx-document-pane .db=${db} docId=${this.place.docId ?? ''} .newDocument=${this.newDocument} revision=${this.revision.value ?? 0}
              @gx-compare=${() => (this.comparing = true)}
              @gx-document-saved=${(e: CustomEvent<string>) => this.go({ ...this.place, docId: e.detail }, true)}
              @gx-document-deleted=${() => this.go({ ...this.place, docId: null }, true)}
              @gx-new-cancelled=${() => (this.newDocument = null)}></gx-document-pane>`}
      </main>`}
      ${this.notice ? html`<div class="toast" role="status">${this.notice}</div>` : nothing}
      ${this.leaving ? html`<div class="backdrop"><section role="dialog" aria-label=${t.unsavedTitle} data-dialog="unsaved">
        <h2>${t.unsavedTitle}</h2><p class="indented">${t.unsavedText}</p>
        <div class="actions"><button class="primary" data-choice="save" @click=${() => void this.answerLeaving('save')}>${t.unsavedSave}</button>
          <button data-choice="discard" @click=${() => void this.answerLeaving('discard')}>${t.unsavedDiscard}</button>
          <button data-choice="stay" @click=${() => void this.answerLeaving('stay')}>${t.unsavedStay}</button></div>
      </section></div>` : nothing}
      ${this.dialog === 'import' ? html`<gx-import-dialog @gx-dialog-closed=${() => (this.dialog = null)}></gx-import-dialog>` : nothing}
      ${this.dialog && this.dialog !== 'import' ? html`<gx-print-dialog .target=${this.dialog.print} @gx-dialog-closed=${() => (this.dialog = null)}></gx-print-dialog>` : nothing}`;
  }

  private go(place: Place, clearNew = false): void {
    if (clearNew) this.newDocument = null;
    this.comparing = false;
    this.place = place;
    const hash = `#/${place.db}/${place.viewId}${place.docId ? `/${encodeURIComponent(place.docId)}` : ''}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  }

  // Through the CSSOM: the Content-Security-Policy allows no style attributes.
  override updated(): void {
    const main = this.renderRoot.querySelector<HTMLElement>('main:not(.admin)');
    if (this.wholePage) main?.style.removeProperty('grid-template-rows');
    else main?.style.setProperty('grid-template-rows', `minmax(0, ${this.split * 100}fr) auto minmax(0, ${(1 - this.split) * 100}fr)`);
  }

  /** A page shown alone: nothing opened or planned from it yet. */
  private get wholePage(): boolean {
    return !this.query && WHOLE_PAGES.has(this.place.viewId) && !this.place.docId && !this.newDocument;
  }

  private readonly onSplit = (e: CustomEvent<number>) => {
    this.split = e.detail;
    writeStored(SPLIT_KEY, e.detail);
  };

  private readonly onOpenView = (e: CustomEvent<{ db: string; viewId: string }>) => {
    this.query = '';
    this.adminOpen = false;
    this.leaveFor({ db: e.detail.db, viewId: e.detail.viewId, docId: null });
  };

  private readonly onOpenDocument = (e: CustomEvent<{ db: string; id: string }>) => {
    const viewId = e.detail.db === this.place.db ? this.place.viewId : viewsOf(e.detail.db as LocalDatabase['name'])[0]?.id ?? '';
    this.leaveFor({ db: e.detail.db, viewId, docId: e.detail.id });
  };

  private readonly onNewDocument = (e: CustomEvent<NewDocument>) => {
    this.comparing = false;
    this.newDocument = e.detail;
  };

  private showNotice(text: string): void {
    this.notice = text;
    setTimeout(() => {
      if (this.notice === text) this.notice = '';
    }, 4000);
  }

  private fire(name: string, detail: string): void {
    this.dispatchEvent(new CustomEvent(name, { detail, bubbles: true, composed: true }));
  }
}

/**
 * Pages that are no list of documents (the home page, the calendar, statistics, the replica): they
 * take the whole height until a document is opened or planned from them, instead of sharing it
 * with an empty document pane.
 */
const WHOLE_PAGES: ReadonlySet<string> = new Set([HOME_PAGE, CALENDAR_PAGE, STATISTICS_PAGE, EXPENSE_STATISTICS_PAGE, MISSING_REPORTS_PAGE, REPLICA_PAGE]);

function placeFromHash(): Place {
  const [db = '', viewId = '', docId] = location.hash.replace(/^#\/?/, '').split('/');
  return { db, viewId, docId: docId ? decodeURIComponent(docId) : null };
}

function storedSplit(): number {
  const stored = readStored<unknown>(SPLIT_KEY, 0.5);
  return typeof stored === 'number' && Number.isFinite(stored) ? clampSplit(stored) : 0.5;
}

/** The home page for whoever has the CRM (what each person sees first); else the first view of the first database that has one. */
function defaultPlace(workspace: Workspace): Place {
  if (workspace.database('crm')) return { db: 'crm', viewId: HOME_PAGE, docId: null };
  const db = workspace.databases.find((d) => d.viewDefs.length > 0) ?? workspace.databases[0];
  const viewId = db?.viewDefs[0]?.id ?? '';
  return { db: db?.name ?? '', viewId: viewById(viewId) ? viewId : '', docId: null };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-workstation': GxWorkstation;
  }
}

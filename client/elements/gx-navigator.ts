import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Label, Lang } from '../../design/label.js';
import { overdueListsOf } from '../../views/catalog.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { Locale } from '../i18n/locale.js';
import { REVIEW_PAGE } from '../gtd/gx-review-pane.js';
import { HOME_PAGE } from '../home/gx-home-pane.js';
import type { Messages } from '../i18n/messages.js';
import { EXPENSE_STATISTICS_PAGE } from './gx-expense-statistics-pane.js';
import { MISSING_REPORTS_PAGE } from './gx-missing-reports-pane.js';
import { WAITING_APPROVALS_PAGE } from '../office/gx-waiting-approvals-pane.js';
import { STATISTICS_PAGE } from './gx-statistics-pane.js';
import { CALENDAR_PAGE } from '../calendar/gx-calendar-pane.js';
import { RECEIVED_MESSAGES_NAME, RECEIVED_MESSAGES_PAGE } from '../messages/gx-received-messages-pane.js';
import { REPLICA_PAGE } from './gx-replica-pane.js';
import { paneStyles } from './styles.js';

/** Pages of a database that are not views: home, review, calendar, statistics from the server. */
const PAGES: readonly { readonly db: string; readonly id: string; readonly icon: string; readonly title: (t: Messages) => string }[] = [
  { db: 'crm', id: HOME_PAGE, icon: '⌂', title: (t) => t.homeTitle },
  { db: 'crm', id: REVIEW_PAGE, icon: '✓', title: (t) => t.reviewTitle },
  { db: 'crm', id: STATISTICS_PAGE, icon: '▥', title: (t) => t.statisticsTitle },
  { db: 'crm', id: CALENDAR_PAGE, icon: '▦', title: (t) => t.calendarTitle },
  { db: 'crm', id: REPLICA_PAGE, icon: '⛁', title: (t) => t.replicaTitle },
  { db: 'office', id: EXPENSE_STATISTICS_PAGE, icon: '▥', title: (t) => t.expenseStatisticsTitle },
  { db: 'office', id: MISSING_REPORTS_PAGE, icon: '▥', title: (t) => t.missingReportsTitle },
  { db: 'office', id: WAITING_APPROVALS_PAGE, icon: '✓', title: (t) => t.waitingApprovalsTitle },
];

/** Pages that are not views but sit in a view folder, by their cascading name like a view's. */
const FOLDER_PAGES: readonly { readonly db: string; readonly id: string; readonly name: Label }[] = [
  { db: 'crm', id: RECEIVED_MESSAGES_PAGE, name: RECEIVED_MESSAGES_NAME },
];

/** What the navigator opens: a view, an overdue list (a view read up to today) or a folder page. */
interface Entry {
  readonly id: string;
  readonly name: Label;
}

interface Folder {
  readonly name: string;
  readonly views: Entry[];
  readonly folders: Map<string, Folder>;
}

/**
 * The navigator: each database the user may read, with its views as a tree of their cascading
 * names (`客户\按地区` is 按地区 in the folder 客户). Fires `gx-open-view`.
 */
@customElement('gx-navigator')
export class GxNavigator extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; background: #f2f5f9; border-right: 1px solid #b4c2d3; padding: 6px 0; }
    h3 { font-size: 12px; text-transform: uppercase; letter-spacing: 0.04em; color: #5b6b7c; margin: 10px 10px 4px; }
    ul { list-style: none; margin: 0; padding: 0 0 0 14px; }
    :host > ul, section > ul { padding-left: 6px; }
    li > button { border: none; background: none; padding: 2px 6px; width: 100%; text-align: left; border-radius: 2px; color: #1d2733; }
    li > button:hover { background: #dde6f1; }
    li > button.open { background: #c4d7ee; font-weight: 600; }
    .folder { color: #35506e; }
    .icon { display: inline-block; width: 16px; color: #6b87a8; }
    .empty { padding-left: 16px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor databases: readonly LocalDatabase[] = [];
  @property() accessor openViewId = '';
  /** Folders closed by the user, by database and path. */
  @state() private accessor closed: ReadonlySet<string> = new Set();

  override render() {
    return this.databases.map((db) => {
      const tree = treeOf([...db.viewDefs.map((view) => view.def), ...overdueListsOf(db.name), ...FOLDER_PAGES.filter((page) => page.db === db.name)], this.locale.lang);
      return html`<section data-db=${db.name}>
        <h3>${this.locale.label(db.info.label)}</h3>
        ${this.renderPages(db.name)}
        ${db.viewDefs.length === 0 ? html`<div class="muted empty">${this.locale.t.noViews}</div>` : this.renderFolder(db, tree, db.name)}
      </section>`;
    });
  }

  /** The database's pages that are not views (home, review, statistics…), above its views. */
  private renderPages(dbName: string): unknown {
    const pages = PAGES.filter((page) => page.db === dbName);
    if (pages.length === 0) return nothing;
    return html`<ul role="tree">${pages.map((page) => html`<li role="treeitem"><button class=${this.openViewId === page.id ? 'open' : ''} data-view=${page.id}
      @click=${() => this.dispatchEvent(new CustomEvent('gx-open-view', { detail: { db: page.db, viewId: page.id }, bubbles: true, composed: true }))}>
      <span class="icon">${page.icon}</span>${page.title(this.locale.t)}</button></li>`)}</ul>`;
  }

  private renderFolder(db: LocalDatabase, folder: Folder, path: string): unknown {
    return html`<ul role="tree">
      ${[...folder.folders.values()].map((sub) => {
        const key = `${path}\\${sub.name}`;
        const open = !this.closed.has(key);
        return html`<li role="treeitem" aria-expanded=${open ? 'true' : 'false'}>
          <button class="folder" @click=${() => this.toggle(key)}><span class="icon">${open ? '▾' : '▸'}</span>${sub.name}</button>
          ${open ? this.renderFolder(db, sub, key) : nothing}
        </li>`;
      })}
      ${folder.views.map((view) => html`<li role="treeitem">
        <button class=${view.id === this.openViewId ? 'open' : ''} data-view=${view.id} @click=${() => this.open(db, view)}>
          <span class="icon">▤</span>${leafName(view, this.locale.lang)}</button>
      </li>`)}
    </ul>`;
  }

  private toggle(key: string): void {
    const closed = new Set(this.closed);
    if (closed.has(key)) closed.delete(key);
    else closed.add(key);
    this.closed = closed;
  }

  private open(db: LocalDatabase, view: Entry): void {
    // The start of the benchmark's "view opened from the navigator until its first page shows".
    performance.mark('gx:view-open');
    this.dispatchEvent(new CustomEvent('gx-open-view', { detail: { db: db.name, viewId: view.id }, bubbles: true, composed: true }));
  }
}

function pathOf(view: Entry, lang: Lang): string[] {
  return view.name[lang].split('\\');
}

function leafName(view: Entry, lang: Lang): string {
  return pathOf(view, lang).at(-1) ?? view.id;
}

function treeOf(views: readonly Entry[], lang: Lang): Folder {
  const root: Folder = { name: '', views: [], folders: new Map() };
  for (const view of views) {
    let folder = root;
    for (const name of pathOf(view, lang).slice(0, -1)) {
      let sub = folder.folders.get(name);
      if (!sub) {
        sub = { name, views: [], folders: new Map() };
        folder.folders.set(name, sub);
      }
      folder = sub;
    }
    folder.views.push(view);
  }
  return root;
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-navigator': GxNavigator;
  }
}

import { consume } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { decideWrite } from '../../design/access/document-access.js';
import { categoryTitle } from '../../engine/category-title.js';
import { formByName } from '../../design/forms/index.js';
import type { ViewRow } from '../../engine/view-page.js';
import { overdueListById, viewById, viewsOf } from '../../views/catalog.js';
import type { CompiledView } from '../../views/compile-view.js';
import { localeContext } from '../contexts.js';
import { localToday } from '../controllers/local-today.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { CLIENT_SORT_LIMIT, ViewRowsController } from '../controllers/view-rows.js';
import { downloadFile } from '../controllers/server-api.js';
import { formatCell } from '../format-value.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import type { Action } from './gx-action-bar.js';
import type { PrintTarget } from './gx-print-dialog.js';
import './gx-action-bar.js';
import { styleProps } from './style-props.js';
import { paneStyles } from './styles.js';

const ROW_HEIGHT = 24;
/** Rows rendered above and below the visible ones, so a quick scroll shows no blank. */
const OVERSCAN = 12;
/** Start reading the next page this many rows before the loaded ones run out. */
const PREFETCH = 150;

/**
 * The view pane: a Notes view with its columns, category rows with twisties and totals, response
 * threads indented, conflict marks, keyboard navigation, and virtual scrolling (only the visible
 * rows are in the DOM; pages are read from the local index as the user scrolls).
 */
@customElement('gx-view-pane')
export class GxViewPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; background: #fff; }
    .grid { display: grid; align-items: center; }
    .header { background: linear-gradient(#f7f9fb, #e3e9f0); border-bottom: 1px solid #b4c2d3; font-weight: 600; color: #35506e; min-height: 26px; }
    .header > div { padding: 3px 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; border-right: 1px solid #d5dde7; user-select: none; }
    .header > .sortable { cursor: pointer; }
    .header > .sortable:hover { background: #d6e2ef; }
    .arrow { color: #2f5f95; margin-left: 4px; }
    .scroller { flex: 1; overflow: auto; position: relative; outline: none; }
    .spacer { position: relative; }
    .row { position: absolute; left: 0; right: 0; height: ${ROW_HEIGHT}px; cursor: default; border-bottom: 1px solid #f0f3f6; }
    .row > div { padding: 0 6px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; line-height: ${ROW_HEIGHT - 1}px; }
    .category { font-weight: 600; color: #1f3d5e; }
    .twisty { display: inline-block; width: 14px; color: #2f5f95; }
    .count { color: #6a7785; font-weight: normal; margin-left: 6px; }
    .sum { text-align: right; }
    .number { text-align: right; }
    .response { color: #3f5163; font-style: italic; }
    .selected { background: #cfe0f5; }
    .scroller:focus .selected { background: #b5d0f0; outline: 1px dotted #2f5f95; }
    .row.conflict { background: #fdecea; }
    .row.unread { font-weight: 600; color: #8a1c12; }
    .row.conflict.selected { background: #f6c9c4; }
    .footer { border-top: 1px solid #b4c2d3; background: #eef2f7; padding: 3px 8px; display: flex; gap: 16px; font-size: 12px; }
    .empty { padding: 20px; }
    .notice { background: #fff8e1; border-bottom: 1px solid #e7d38a; padding: 3px 8px; font-size: 12px; }
    /* A span, so that a row's divs are still its columns. */
    .row > .margin { align-self: stretch; line-height: ${ROW_HEIGHT - 1}px; text-align: center; color: #2f5f95; font-weight: 700; cursor: pointer; }
    .row > .margin:hover { background: #e3ecf7; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property() accessor viewId = '';
  @property() accessor selectedId: string | null = null;
  @state() private accessor selected = 0;
  @state() private accessor scrollOffset = 0;
  @state() private accessor viewportHeight = 600;
  @state() private accessor notice = '';
  /** Documents ticked in the selection margin, as in Notes: what "Print…" prints. */
  @state() private accessor checked: ReadonlySet<string> = new Set();
  private readonly rows = new ViewRowsController(this);
  private unsubscribe: (() => void)[] = [];
  private resize: ResizeObserver | null = null;
  /** Set when a view opens, until its first page is on screen (the benchmark's measure). */
  private measuring = false;

  /** The view shown: the one named, or the one an overdue list reads. */
  get view(): CompiledView | undefined {
    return viewById(this.viewId) ?? viewById(overdueListById(this.viewId)?.viewId ?? '');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.resize = new ResizeObserver(([entry]) => {
      if (entry) this.viewportHeight = entry.contentRect.height;
    });
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.resize?.disconnect();
    for (const stop of this.unsubscribe) stop();
    this.unsubscribe = [];
  }

  override firstUpdated(): void {
    const scroller = this.renderRoot.querySelector('.scroller');
    if (scroller) this.resize?.observe(scroller);
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if ((changed.has('db') || changed.has('viewId')) && this.db && this.view) {
      for (const stop of this.unsubscribe) stop();
      const db = this.db;
      this.unsubscribe = [
        db.revision.subscribe(() => void this.rows.reload()),
        db.conflicts.subscribe(() => this.requestUpdate()),
        ...(db.readMarks ? [db.readMarks.changed.subscribe(() => this.requestUpdate())] : []),
      ];
      this.selected = 0;
      this.scrollOffset = 0;
      this.notice = '';
      this.checked = new Set();
      this.measuring = true;
      const scroller = this.renderRoot.querySelector('.scroller');
      if (scroller) scroller.scrollTop = 0;
      void this.rows.open(db, this.view, overdueListById(this.viewId) ? localToday : null);
    }
  }

  override updated(): void {
    if (this.measuring && !this.rows.loading && this.rows.total) {
      this.measuring = false;
      requestAnimationFrame(() => {
        if (performance.getEntriesByName('gx:view-open').length === 0) return;
        performance.measure('gx:view-first-page', 'gx:view-open');
        performance.clearMarks('gx:view-open');
      });
    }
  }

  override render() {
    const view = this.view;
    if (!view || !this.db) return html`<div class="empty muted">${this.locale.t.chooseView}</div>`;
    const rows = this.rows.display;
    const columns = gridColumns(view);
    const estimated = rows.length + (this.rows.complete ? 0 : Math.max(PREFETCH, (this.rows.total?.count ?? 0) - rows.length));
    const first = Math.max(0, Math.floor(this.scrollOffset / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(rows.length, Math.ceil((this.scrollOffset + this.viewportHeight) / ROW_HEIGHT) + OVERSCAN);
    return html`
      <gx-action-bar .actions=${this.actions(view)} @gx-action=${(e: CustomEvent<string>) => this.onAction(e.detail)}></gx-action-bar>
      ${this.notice ? html`<div class="notice">${this.notice}</div>` : nothing}
      <div class="grid header" style=${styleProps({ 'grid-template-columns': columns })} role="row">
        <div role="columnheader" aria-label=${this.locale.t.selectForPrint}></div>
        ${view.def.columns.map((column, i) => html`<div role="columnheader" class=${column.sort ? 'sortable' : ''} title=${column.sort ? this.locale.t.sortHint : ''}
          data-column=${i} @click=${column.sort ? () => this.sortBy(view, i) : nothing}>${this.locale.label(column.title)}${this.sortArrow(i)}</div>`)}
      </div>
      <div class="scroller" tabindex="0" role="grid" aria-rowcount=${rows.length} @scroll=${this.onScroll} @keydown=${this.onKey}>
        <div class="spacer" style=${styleProps({ height: `${estimated * ROW_HEIGHT}px` })}>
          ${rows.slice(first, last).map((row, i) => this.renderRow(view, row, first + i, columns))}
        </div>
        ${this.rows.complete && rows.length === 0 ? html`<div class="empty muted">${this.locale.t.emptyView}</div>` : nothing}
      </div>
      <div class="footer">
        <span>${this.locale.label(overdueListById(this.viewId)?.name ?? view.def.name)}</span>
        ${this.rows.fromServer ? html`<span class="muted" data-from-server>${this.db.showServer ? this.locale.t.fromServerAll : this.locale.t.fromServer}</span>` : nothing}
        ${this.rows.total ? html`<span data-total-count>${this.locale.t.total}: ${this.locale.number(this.rows.total.count)}</span>
          ${this.totalColumns(view).map(([column, i]) => html`<span>${this.locale.label(view.def.columns[column]!.title)}: ${this.locale.number(this.rows.total!.sums[i] ?? 0)}</span>`)}` : nothing}
        ${this.checked.size > 0 ? html`<span data-checked-count>${this.locale.t.selectedCount(this.checked.size)}</span>` : nothing}
        ${this.rows.loading ? html`<span class="muted">${this.locale.t.loading}</span>` : nothing}
        ${this.rows.error ? html`<span class="conflict-mark">${this.rows.error}</span>` : nothing}
      </div>`;
  }

  private renderRow(view: CompiledView, row: ViewRow, index: number, columns: string) {
    const selected = index === this.selected;
    const position = styleProps({ transform: `translateY(${index * ROW_HEIGHT}px)`, 'grid-template-columns': columns });
    if (row.kind === 'category') {
      // A view of one's own category (Notes' single category) does not show its first one: the levels shown start at the second column.
      const column = row.level + (view.def.viewersCategoryOnly ? 1 : 0);
      const totals = this.totalColumns(view);
      const titleEnd = totals.length > 0 ? totals[0]![0] + 2 : view.def.columns.length + 2;
      return html`<div class="row grid category ${selected ? 'selected' : ''}" style=${position} role="row" data-index=${index} data-category=${String(row.title ?? '')}
          aria-expanded=${row.expanded ? 'true' : 'false'} @click=${() => this.activate(index, true)}>
        <div style=${styleProps({ 'grid-column': `${row.level + 2} / ${Math.max(titleEnd, row.level + 3)}` })}>
          <span class="twisty">${row.expanded ? '▾' : '▸'}</span>${formatCell(row.title, view, column, this.locale, this.db!.settings) || '—'}<span class="count">(${this.locale.number(row.count)})</span>
        </div>
        ${totals.map(([column, i]) => html`<div class="sum" style=${styleProps({ 'grid-column': `${column + 2}` })}>${this.locale.number(row.sums[i] ?? 0)}</div>`)}
      </div>`;
    }
    const conflict = this.db?.conflicts.value.has(row.id) === true;
    const unread = this.db?.readMarks?.isUnread(row.id) === true;
    const firstShown = view.categoryCount;
    return html`<div class="row grid ${selected ? 'selected' : ''} ${conflict ? 'conflict' : ''} ${row.depth > 0 ? 'response' : ''} ${unread ? 'unread' : ''}" style=${position}
        role="row" data-index=${index} data-id=${row.id} data-unread=${unread ? 'true' : 'false'} title=${unread ? this.locale.t.unread : nothing} aria-selected=${row.id === this.selectedId ? 'true' : 'false'} @click=${() => this.activate(index, true)}>
      <span class="margin" data-check aria-checked=${this.checked.has(row.id) ? 'true' : 'false'} role="checkbox" title=${this.locale.t.selectForPrint}
        @click=${(e: Event) => {
          e.stopPropagation();
          this.toggleChecked(row.id);
        }}>${this.checked.has(row.id) ? '✓' : ''}</span>
      ${view.def.columns.map((column, i) => {
        if (column.categorized) return html`<div></div>`;
        const text = formatCell(row.values[i], view, i, this.locale, this.db!.settings);
        const indent = i === firstShown ? styleProps({ 'padding-left': `${6 + row.depth * 18}px` }) : styleProps({});
        return html`<div class=${typeof row.values[i] === 'number' ? 'number' : ''} style=${indent} title=${text}>${i === firstShown && conflict
          ? html`<span class="conflict-mark" title=${this.locale.t.conflictNotice}>⚠ </span>` : nothing}${text}</div>`;
      })}
    </div>`;
  }

  private sortArrow(column: number) {
    const sort = this.rows.sort;
    return sort?.column === column ? html`<span class="arrow">${sort.direction === 1 ? '▲' : '▼'}</span>` : nothing;
  }

  private totalColumns(view: CompiledView): [column: number, sum: number][] {
    return view.def.columns.flatMap((c, i) => (c.total ? [i] : [])).map((column, i) => [column, i]);
  }

  private actions(view: CompiledView): Action[] {
    const db = this.db!;
    const t = this.locale.t;
    const actions: Action[] = view.def.forms
      .map((name) => formByName(name))
      .filter((form) => form && !form.response && (form.fields.customerId?.required !== true || form.fields.customerId.link !== undefined) && decideWrite(db.access, null, { form: form.name }).allowed)
      // A settings document exists once: when the view shows it, it is opened, not made again.
      .filter((form) => form!.fixedId === undefined || (this.rows.complete && !this.rows.total?.count))
      .map((form) => ({ id: `new:${form!.name}`, label: t.newDocument(this.locale.label(form!.label)), primary: true }));
    if (view.categoryCount > 0) actions.push({ id: 'expand-all', label: t.expandAll }, { id: 'collapse-all', label: t.collapseAll });
    const forms = view.def.forms.map((name) => formByName(name));
    if (forms.some((form) => form && (form.name === 'Customer' || 'customerId' in form.fields))) actions.push({ id: 'print', label: t.print });
    actions.push({ id: 'export-csv', label: t.exportCsv });
    if (view.def.forms.includes('Contact')) actions.push({ id: 'export-vcard', label: t.exportVcard });
    if (db.name === 'crm' && (view.def.forms.includes('Customer') || view.def.forms.includes('Contact'))) actions.push({ id: 'export-records:customers', label: t.exportCustomers });
    if (db.name === 'crm' && view.def.forms.includes('Deal')) actions.push({ id: 'export-records:deals', label: t.exportDeals });
    if (db.name === 'crm' && decideWrite(db.access, null, { form: 'Customer' }).allowed) actions.push({ id: 'import', label: t.import });
    if (db.readMarks) actions.push({ id: 'mark-all-read', label: t.markAllRead });
    // What the replication settings leave on the server is listed from there when asked.
    if (db.filled.value && db.serverOpen && db.replica.keepsLess) actions.push({ id: 'show-server', label: db.showServer ? t.showLocalReplica : t.showOnServer });
    return actions;
  }

  private onAction(action: string): void {
    if (action === 'expand-all' || action === 'collapse-all') {
      this.selected = 0;
      void this.rows.setExpandAll(action === 'expand-all');
    } else if (action === 'show-server') {
      this.db?.setShowServer(!this.db.showServer);
    } else if (action === 'mark-all-read') {
      void this.db?.readMarks?.markAllRead();
    } else if (action.startsWith('new:')) {
      this.dispatchEvent(new CustomEvent('gx-new-document', { detail: { form: action.slice(4), values: {} }, bubbles: true, composed: true }));
    } else if (action === 'print') {
      this.dispatchEvent(new CustomEvent<PrintTarget>('gx-print', { detail: this.printTarget(), bubbles: true, composed: true }));
    } else if (action === 'import') {
      this.dispatchEvent(new CustomEvent('gx-import', { bubbles: true, composed: true }));
    } else if (action.startsWith('export-records:')) {
      const records = action.slice('export-records:'.length);
      downloadFile(`/api/export/records/${records}.xlsx?lang=${this.locale.lang}`, `${records}.xlsx`).catch((error: unknown) => (this.notice = apiErrorText(error, this.locale)));
    } else if (action === 'export-csv' || action === 'export-vcard') {
      const viewId = this.view!.id;
      const path = action === 'export-csv' ? `/api/export/${this.db!.name}/${encodeURIComponent(viewId)}.csv?lang=${this.locale.lang}&tz=${encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone)}` : '/api/export/contacts.vcf';
      downloadFile(path, action === 'export-csv' ? `${viewId}.csv` : 'contacts.vcf').catch((error: unknown) => (this.notice = apiErrorText(error, this.locale)));
    }
  }

  private toggleChecked(id: string): void {
    const next = new Set(this.checked);
    if (!next.delete(id)) next.add(id);
    this.checked = next;
  }

  /** The ticked documents in view order, and the group (category path) the current row is in. */
  private printTarget(): PrintTarget {
    const rows = this.rows.display;
    // Ticked documents no longer loaded (in a category closed since) follow those in view.
    const inViewOrder = new Set(rows.flatMap((row) => (row.kind === 'document' && this.checked.has(row.id) ? [row.id] : [])));
    const docIds = [...inViewOrder, ...[...this.checked].filter((id) => !inViewOrder.has(id))];
    return { db: this.db!.name, viewId: this.view!.id, viewName: this.view!.def.name, docIds, group: groupOf(rows, this.selected) };
  }

  /**
   * A click on a sorted column's title: a view wholly loaded and small is re-sorted here; a larger
   * one switches to another view of the database sorted by that column, as Notes users would.
   */
  private sortBy(view: CompiledView, column: number): void {
    if (this.rows.complete && this.rows.rows.length <= CLIENT_SORT_LIMIT) {
      this.rows.sortBy(column);
      this.notice = '';
      return;
    }
    const field = view.def.columns[column]!.field;
    const other = viewsOf(view.def.db).find((v) => v.id !== view.id && v.def.columns.some((c) => c.field === field && c.sort && !c.categorized)
      && v.def.forms.some((form) => view.def.forms.includes(form)) && v.categoryCount === 0);
    if (!other) {
      this.notice = this.locale.t.sortUnavailable;
      return;
    }
    this.dispatchEvent(new CustomEvent('gx-open-view', { detail: { db: view.def.db, viewId: other.id }, bubbles: true, composed: true }));
    this.dispatchEvent(new CustomEvent('gx-notice', { detail: this.locale.t.sortSwitched(this.locale.label(other.def.name)), bubbles: true, composed: true }));
  }

  /** A click or Enter: a category opens or closes, a document opens in the document pane. */
  private activate(index: number, byPointer: boolean): void {
    const row = this.rows.display[index];
    this.selected = index;
    if (!row) return;
    if (row.kind === 'category') {
      void this.rows.toggle(row.key);
      return;
    }
    if (byPointer || row.id !== this.selectedId) {
      performance.mark('gx:doc-open');
      this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: this.db!.name, id: row.id }, bubbles: true, composed: true }));
    }
  }

  private readonly onScroll = (e: Event) => {
    const scroller = e.target as HTMLElement;
    this.scrollOffset = scroller.scrollTop;
    const lastVisible = Math.ceil((scroller.scrollTop + scroller.clientHeight) / ROW_HEIGHT);
    if (lastVisible + PREFETCH > this.rows.rows.length) void this.rows.ensure(lastVisible + PREFETCH);
  };

  private readonly onKey = async (e: KeyboardEvent) => {
    const rows = this.rows.display;
    const page = Math.max(1, Math.floor(this.viewportHeight / ROW_HEIGHT) - 1);
    const row = rows[this.selected];
    let target = this.selected;
    switch (e.key) {
      case 'ArrowDown': target += 1; break;
      case 'ArrowUp': target -= 1; break;
      case 'PageDown': target += page; break;
      case 'PageUp': target -= page; break;
      case 'Home': target = 0; break;
      case 'End':
        await this.rows.ensure(Number.POSITIVE_INFINITY);
        target = this.rows.display.length - 1;
        break;
      case 'Enter':
        e.preventDefault();
        this.activate(this.selected, true);
        return;
      case ' ':
        e.preventDefault();
        if (row?.kind === 'document') this.toggleChecked(row.id);
        return;
      case 'ArrowRight':
        if (row?.kind === 'category' && !row.expanded) void this.rows.toggle(row.key);
        e.preventDefault();
        return;
      case 'ArrowLeft':
        e.preventDefault();
        if (row?.kind === 'category' && row.expanded) void this.rows.toggle(row.key);
        else if (row) this.select(parentCategory(rows, this.selected));
        return;
      default:
        return;
    }
    e.preventDefault();
    await this.rows.ensure(target + PREFETCH);
    this.select(Math.max(0, Math.min(target, this.rows.display.length - 1)));
  };

  /** Moves the selection and scrolls it into view. */
  private select(index: number): void {
    this.selected = index;
    const scroller = this.renderRoot.querySelector<HTMLElement>('.scroller');
    if (!scroller) return;
    const top = index * ROW_HEIGHT;
    if (top < scroller.scrollTop) scroller.scrollTop = top;
    else if (top + ROW_HEIGHT > scroller.scrollTop + scroller.clientHeight) scroller.scrollTop = top + ROW_HEIGHT - scroller.clientHeight;
    this.scrollOffset = scroller.scrollTop;
  }
}

/** Categorised columns as wide as their titles need; the first shown column takes the most room. */
function gridColumns(view: CompiledView): string {
  return '22px ' + view.def.columns.map((column, i) => {
    if (column.categorized) return '120px';
    if (i === view.categoryCount) return 'minmax(160px, 3fr)';
    return column.total ? 'minmax(90px, 1fr)' : 'minmax(80px, 2fr)';
  }).join(' ');
}

/** The titles of the categories a row is in (a category row: itself and those above it), outermost first; null outside any. */
function groupOf(rows: readonly ViewRow[], index: number): string[] | null {
  const row = rows[index];
  if (!row) return null;
  const path: string[] = [];
  let level = row.kind === 'category' ? row.level + 1 : row.level;
  for (let i = index; i >= 0 && level > 0; i--) {
    const above = rows[i]!;
    if (above.kind === 'category' && above.level === level - 1) {
      path.unshift(categoryTitle(above.title));
      level = above.level;
    }
  }
  return path.length > 0 ? path : null;
}

/** The category header a row sits under (itself when there is none). */
function parentCategory(rows: readonly ViewRow[], index: number): number {
  const level = rows[index]?.level ?? 0;
  for (let i = index - 1; i >= 0; i--) {
    const row = rows[i]!;
    if (row.kind === 'category' && (rows[index]!.kind === 'document' || row.level < level)) return i;
  }
  return index;
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-view-pane': GxViewPane;
  }
}

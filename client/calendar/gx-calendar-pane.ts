import { consume } from '@lit/context';
import { Task, TaskStatus } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { textKeys } from '../../design/sort-key.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument, type SaveOutcome } from '../controllers/save-document.js';
import { durationOf } from '../../design/calendar/occurrences.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { dialogStyles } from '../elements/dialog-styles.js';
import { paneStyles } from '../elements/styles.js';
import { styleProps } from '../elements/style-props.js';
import { loadDirectoryPicks } from '../controllers/directory-picks.js';
import { calendarItems, type CalendarItem, type CalendarScope } from './calendar-entries.js';
import { feedAddress } from './calendar-feed.js';
import { itemText } from './item-text.js';
import { changeOccurrence } from './occurrence-edit.js';
import { addDays, CALENDAR_MODES, daysOf, HOUR_MS, isoDay, sameDay, startOfDay, stepped, type CalendarMode } from './calendar-range.js';

/** The page id the navigator and the address use for the calendar in `crm`. */
export const CALENDAR_PAGE = 'calendar';

/** Height of an hour in the day and week pages, in pixels. */
const HOUR_PX = 40;

/**
 * The calendar (日程表): day, week, month and agenda pages of the entries in the replica — mine,
 * everyone's or a colleague's (whose private entries show as busy) — read from view rows only, so
 * it works offline. Clicking a free day or hour plans a new entry there (the document pane below
 * opens it); dragging an entry to another day or hour moves it — for a repeating one, this
 * occurrence only or all of them; clicking an occurrence opens the series, or changes or deletes that occurrence alone.
 * Deals' expected close, payments due and deliveries show as coloured all-day items that open the deal.
 */
@customElement('gx-calendar-pane')
export class GxCalendarPane extends LitElement {
  static override styles = [paneStyles, dialogStyles, css`
    :host { display: flex; flex-direction: column; min-height: 0; background: #fff; }
    .bar { display: flex; gap: 6px; align-items: center; padding: 5px 8px; border-bottom: 1px solid #d5dde7; flex-wrap: wrap; }
    .bar .title { font-weight: 600; color: #13304f; min-width: 150px; }
    .bar .end { margin-left: auto; }
    button.on { background: #c4d7ee; font-weight: 600; }
    /* The page's own scrolling area, not the dialogs' short list of the same class: the whole height left. */
    .scroll { flex: 1; overflow: auto; min-height: 0; max-height: none; margin: 0; position: relative; }
    .week { display: grid; position: relative; }
    .head { position: sticky; top: 0; background: #f2f5f9; z-index: 2; text-align: center; border-bottom: 1px solid #b4c2d3; padding: 2px; }
    .head.today { color: #b3261e; font-weight: 600; }
    .hours { border-right: 1px solid #d5dde7; }
    .hour-label { height: ${HOUR_PX}px; font-size: 11px; color: #6a7785; text-align: right; padding-right: 4px; }
    .day { position: relative; border-right: 1px solid #e3e8ef; }
    .slot { height: ${HOUR_PX}px; border-bottom: 1px solid #eef1f5; }
    .slot:hover, .cell:hover { background: #f5f9fd; }
    .allday { min-height: 20px; border-bottom: 1px solid #d5dde7; }
    .entry { position: absolute; left: 2px; right: 2px; overflow: hidden; font-size: 12px; border-radius: 3px; padding: 1px 4px; cursor: pointer;
      background: #dbe8f7; border-left: 3px solid #2f6fb0; z-index: 1; }
    .entry.busy, .chip.busy { background: repeating-linear-gradient(45deg, #eceff3, #eceff3 4px, #dde2e8 4px, #dde2e8 8px); border-left-color: #8a96a3; cursor: default; color: #4a5663; }
    .entry.private, .chip.private { border-left-color: #8a5a00; }
    .entry.activity, .chip.activity { background: #dcf1ee; border-left-color: #00796b; }
    .chip.deal-close { background: #e3f4e1; border-left-color: #2e7d32; }
    .chip.deal-payment { background: #fff1dc; border-left-color: #c77700; }
    .chip.deal-delivery { background: #efe6f7; border-left-color: #6a3d9a; }
    .chip.done, .row.done { text-decoration: line-through; color: #6a7785; }
    .month { display: grid; grid-template-columns: repeat(7, 1fr); grid-auto-rows: minmax(88px, 1fr); }
    .cell { border-right: 1px solid #e3e8ef; border-bottom: 1px solid #e3e8ef; padding: 2px; overflow: hidden; }
    .cell.other { background: #fafbfc; color: #8a96a3; }
    .cell .num { font-size: 11px; }
    .cell.today .num { color: #b3261e; font-weight: 600; }
    .chip { display: block; font-size: 12px; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; background: #dbe8f7; border-left: 3px solid #2f6fb0; margin: 1px 0; padding: 0 3px; cursor: pointer; border-radius: 2px; }
    .more { font-size: 11px; color: #35506e; }
    .agenda { padding: 4px 12px; }
    .agenda h4 { margin: 10px 0 2px; color: #35506e; font-size: 13px; }
    .agenda .row { display: flex; gap: 10px; padding: 2px 0; cursor: pointer; }
    .agenda .time { min-width: 110px; white-space: nowrap; color: #35506e; }
    .hint { color: #6a7785; font-size: 12px; padding: 2px 8px; }
    .feed input { width: calc(100% - 28px); margin: 4px 14px; }
    .padded { padding: 0 14px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @property() accessor mode: CalendarMode = 'week';
  @state() private accessor anchor = Date.now();
  @state() private accessor scope: CalendarScope | null = null;
  /** The scope chosen in the list: `me`, `all`, `person:<name>` or `dept:<department>`. */
  @state() private accessor scopeValue = 'me';
  @state() private accessor feed: { url: string | null; error?: string } | null = null;
  /** An occurrence of a repeating entry clicked (`delta` null) or dropped `delta` ms away: this one or all of them? */
  @state() private accessor occurrence: { readonly id: string; readonly start: number; readonly delta: number | null } | null = null;
  private readonly revision = new WatchController<number>(this);
  /** When the page being read was asked for (performance.now()), until it is drawn. */
  private loadStarted: number | undefined;

  private get db(): LocalDatabase | undefined {
    return this.workspace?.database('crm');
  }

  /** Colleagues and departments to show, from the server's directory (offline: the one last read). */
  private readonly picks = new Task(this, {
    task: async () => loadDirectoryPicks().catch(() => null),
    args: () => [] as const,
  });

  private readonly items = new Task(this, {
    task: async ([db, mode, anchor, scope]) => {
      if (!db) return [] as CalendarItem[];
      scope ??= { kind: 'people', names: [db.user.name] };
      this.loadStarted = performance.now();
      const days = daysOf(mode, anchor);
      return calendarItems(db, days[0]!, addDays(days.at(-1)!, 1), scope);
    },
    // Only values that change when asked to: a scope made anew at each render would read the page again and again.
    args: () => [this.db, this.mode, this.anchor, this.scope, this.revision.value] as const,
  });

  override willUpdate(): void {
    this.revision.follow(this.db?.revision);
  }

  override updated(): void {
    const started = this.loadStarted;
    if (this.items.status === TaskStatus.COMPLETE && started !== undefined) {
      this.loadStarted = undefined;
      // What the month-view bench reads: from asking for the page until it is drawn.
      requestAnimationFrame(() => performance.measure('gx:calendar-shown', { start: started }));
    }
    const scroll = this.renderRoot.querySelector<HTMLElement>('.scroll[data-hours]');
    if (scroll && !scroll.dataset.scrolled) {
      scroll.scrollTop = 8 * HOUR_PX;
      scroll.dataset.scrolled = 'yes';
    }
  }

  override render() {
    const t = this.locale.t;
    const days = daysOf(this.mode, this.anchor);
    return html`
      <div class="bar">
        <button data-action="today" @click=${() => (this.anchor = Date.now())}>${t.calendarToday}</button>
        <button aria-label=${t.calendarPrevious} data-action="previous" @click=${() => (this.anchor = stepped(this.mode, this.anchor, -1))}>‹</button>
        <button aria-label=${t.calendarNext} data-action="next" @click=${() => (this.anchor = stepped(this.mode, this.anchor, 1))}>›</button>
        <span class="title">${this.titleOf(days)}</span>
        <input type="date" aria-label=${t.calendarGoTo} data-goto .value=${isoDay(this.anchor)}
          @change=${(e: Event) => { const day = (e.target as HTMLInputElement).value; if (day) this.anchor = new Date(`${day}T12:00`).getTime(); }}>
        ${CALENDAR_MODES.map((mode) => html`<button data-mode=${mode} class=${mode === this.mode ? 'on' : ''} @click=${() => (this.mode = mode)}>${t.calendarModes[mode]}</button>`)}
        <select aria-label=${t.calendarTitle} data-scope @change=${this.onScope}>
          <option value="me" ?selected=${this.scope === null}>${t.calendarMine}</option>
          <option value="all" ?selected=${this.scope?.kind === 'all'}>${t.calendarEveryone}</option>
          ${this.scopeOptions()}
        </select>
        <button class="end" data-action="feed" @click=${() => void this.showFeed('show')}>${t.calendarFeed}</button>
      </div>
      <div class="hint">${t.calendarNewHint}</div>
      ${this.items.render({
        initial: () => nothing,
        pending: () => (this.items.value ? this.renderPage(days, this.items.value) : html`<p class="muted hint">${t.loading}</p>`),
        complete: (items) => this.renderPage(days, items),
        error: (error) => html`<p class="errors" role="alert">${String(error)}</p>`,
      })}
      ${this.feed ? this.renderFeed() : nothing}
      ${this.occurrence ? this.renderOccurrence(this.occurrence) : nothing}`;
  }

  private titleOf(days: readonly number[]): string {
    const lang = this.locale.lang === 'zh' ? 'zh-CN' : 'en';
    const middle = days[Math.floor(days.length / 2)]!;
    if (this.mode === 'month') return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long' }).format(middle);
    const format = new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric' });
    return days.length === 1 ? format.format(days[0]) : format.formatRange(days[0]!, days.at(-1)!);
  }

  private renderPage(days: readonly number[], items: readonly CalendarItem[]) {
    if (this.mode === 'month') return this.renderMonth(days, items);
    if (this.mode === 'agenda') return this.renderAgenda(days, items);
    return this.renderHours(days, items);
  }

  private renderHours(days: readonly number[], items: readonly CalendarItem[]) {
    const lang = this.locale.lang === 'zh' ? 'zh-CN' : 'en';
    const label = new Intl.DateTimeFormat(lang, { weekday: 'short', month: 'numeric', day: 'numeric' });
    const columns = `52px repeat(${days.length}, minmax(90px, 1fr))`;
    const today = Date.now();
    return html`<div class="scroll" data-hours>
      <div class="week" style=${styleProps({ 'grid-template-columns': columns })}>
        <div class="head"></div>
        ${days.map((day) => html`<div class="head ${sameDay(day, today) ? 'today' : ''}" data-head=${isoDay(day)}>${label.format(day)}</div>`)}
        <div class="allday"></div>
        ${days.map((day) => html`<div class="allday" data-day=${isoDay(day)} @dragover=${allowDrop} @drop=${(e: DragEvent) => this.onDrop(e, day, null)}>
          ${items.filter((i) => i.allDay && i.start < addDays(day, 1) && i.end > day).map((i) => this.chip(i))}</div>`)}
        <div class="hours">${Array.from({ length: 24 }, (_, h) => html`<div class="hour-label">${String(h).padStart(2, '0')}:00</div>`)}</div>
        ${days.map((day) => html`<div class="day" data-day=${isoDay(day)}>
          ${Array.from({ length: 24 }, (_, h) => html`<div class="slot" data-hour=${h} @click=${() => this.plan(day + h * HOUR_MS, HOUR_MS)}
            @dragover=${allowDrop} @drop=${(e: DragEvent) => this.onDrop(e, day, h)}></div>`)}
          ${items.filter((i) => !i.allDay && i.start < addDays(day, 1) && i.end > day).map((i) => this.block(i, day))}
        </div>`)}
      </div></div>`;
  }

  private block(item: CalendarItem, day: number) {
    const top = Math.max(0, (item.start - day) / HOUR_MS) * HOUR_PX;
    const bottom = Math.min(24, (item.end - day) / HOUR_MS) * HOUR_PX;
    const time = new Intl.DateTimeFormat(this.locale.lang === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' }).format(item.start);
    return html`<div class="entry ${item.busy ? 'busy' : ''} ${item.private ? 'private' : ''} ${item.kind === 'activity' ? 'activity' : ''}" data-kind=${item.kind} style=${styleProps({ top: `${top}px`, height: `${Math.max(18, bottom - top - 2)}px` })}
      data-entry=${item.id} data-start=${new Date(item.start).toISOString()} draggable=${item.busy ? 'false' : 'true'}
      title=${this.describe(item)} @dragstart=${(e: DragEvent) => this.onDrag(e, item)} @click=${(e: Event) => this.open(e, item)}>
      ${time} ${itemText(item, this.locale)}${item.recurring ? ' ↻' : ''}</div>`;
  }

  private chip(item: CalendarItem) {
    const time = item.allDay ? '' : `${new Intl.DateTimeFormat(this.locale.lang === 'zh' ? 'zh-CN' : 'en', { hour: '2-digit', minute: '2-digit' }).format(item.start)} `;
    // A deal's date is moved on the deal, not by dragging.
    const deal = item.kind !== 'entry' && item.kind !== 'activity';
    return html`<span class="chip ${item.busy ? 'busy' : ''} ${item.private ? 'private' : ''} ${deal ? `deal-${item.kind}` : item.kind} ${item.done ? 'done' : ''}"
      data-entry=${item.id} data-kind=${item.kind} data-start=${new Date(item.start).toISOString()}
      draggable=${item.busy || deal ? 'false' : 'true'} title=${this.describe(item)}
      @dragstart=${(e: DragEvent) => this.onDrag(e, item)} @click=${(e: Event) => this.open(e, item)}>${time}${itemText(item, this.locale)}${item.recurring ? ' ↻' : ''}</span>`;
  }

  private renderMonth(days: readonly number[], items: readonly CalendarItem[]) {
    const month = new Date(days[15]!).getMonth();
    const today = Date.now();
    const shown = 4;
    const byDay = new Map<number, CalendarItem[]>();
    for (const item of items) {
      for (let day = startOfDay(item.start); day < item.end || day === startOfDay(item.start); day = addDays(day, 1)) {
        const list = byDay.get(day) ?? [];
        list.push(item);
        byDay.set(day, list);
        if (day >= days.at(-1)!) break;
      }
    }
    return html`<div class="scroll"><div class="month">
      ${days.map((day) => {
        const list = byDay.get(day) ?? [];
        return html`<div class="cell ${new Date(day).getMonth() === month ? '' : 'other'} ${sameDay(day, today) ? 'today' : ''}" data-day=${isoDay(day)}
          @click=${() => this.plan(day + 9 * HOUR_MS, HOUR_MS)} @dragover=${allowDrop} @drop=${(e: DragEvent) => this.onDrop(e, day, null)}>
          <div class="num">${new Date(day).getDate()}</div>
          ${list.slice(0, shown).map((i) => this.chip(i))}
          ${list.length > shown ? html`<div class="more">+${list.length - shown}</div>` : nothing}
        </div>`;
      })}
    </div></div>`;
  }

  private renderAgenda(days: readonly number[], items: readonly CalendarItem[]) {
    const lang = this.locale.lang === 'zh' ? 'zh-CN' : 'en';
    const dayLabel = new Intl.DateTimeFormat(lang, { dateStyle: 'full' });
    const time = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    const withItems = days.map((day) => [day, items.filter((i) => i.start < addDays(day, 1) && i.end > day && (sameDay(i.start, day) || day === days[0]))] as const).filter(([, list]) => list.length > 0);
    if (withItems.length === 0) return html`<div class="agenda muted">${this.locale.t.calendarNothing}</div>`;
    return html`<div class="scroll"><div class="agenda">${withItems.map(([day, list]) => html`<h4>${dayLabel.format(day)}</h4>
      ${list.map((item) => html`<div class="row ${item.done ? 'done' : ''}" data-entry=${item.id} data-kind=${item.kind} @click=${(e: Event) => this.open(e, item)}>
        <span class="time">${item.allDay ? '—' : `${time.format(item.start)}–${time.format(item.end)}`}</span>
        <span>${itemText(item, this.locale)}${item.recurring ? ` (${this.locale.t.calendarRecurring})` : ''}</span>
        <span class="muted">${[item.customerName, item.place, byPinyin(item.people).join('、')].filter((s) => s !== '').join(' · ')}</span>
      </div>`)}`)}</div></div>`;
  }

  private describe(item: CalendarItem): string {
    if (item.busy) return `${this.locale.t.calendarBusy}: ${byPinyin(item.people).join('、')}`;
    return [itemText(item, this.locale), item.customerName, item.place, byPinyin(item.people).join('、')].filter((s) => s !== '').join('\n');
  }

  /** Colleagues, then departments, then the directory's other groups, each in pinyin order. */
  private scopeOptions() {
    const picks = this.picks.value;
    if (!picks) return nothing;
    const me = this.db?.user.name;
    const chosen = this.scopeValue;
    const people = byPinyin(picks.people.map((p) => p.name).filter((name) => name !== me));
    const departments = byPinyin([...new Set(picks.people.flatMap((p) => (p.department ? [p.department] : [])))]);
    // A department is a group too: it is offered once, among the departments.
    const groups = byPinyin(picks.groups.filter((g) => (g.people ?? []).length > 0 && !departments.includes(g.name)).map((g) => g.name));
    return html`<optgroup label=${this.locale.t.calendarColleagues}>${people.map((name) => html`<option value=${`person:${name}`} ?selected=${chosen === `person:${name}`}>${name}</option>`)}</optgroup>
      ${departments.length > 0 ? html`<optgroup label=${this.locale.t.calendarDepartments}>${departments.map((name) => html`<option value=${`dept:${name}`} ?selected=${chosen === `dept:${name}`}>${name}</option>`)}</optgroup>` : nothing}
      ${groups.length > 0 ? html`<optgroup label=${this.locale.t.calendarGroups}>${groups.map((name) => html`<option value=${`group:${name}`} ?selected=${chosen === `group:${name}`}>${name}</option>`)}</optgroup>` : nothing}`;
  }

  private readonly onScope = (e: Event) => {
    const value = (e.target as HTMLSelectElement).value;
    this.scopeValue = value;
    if (value === 'me') this.scope = null;
    else if (value === 'all') this.scope = { kind: 'all' };
    else if (value.startsWith('person:')) this.scope = { kind: 'people', names: [value.slice(7)] };
    else if (value.startsWith('dept:')) {
      const department = value.slice(5);
      this.scope = { kind: 'people', names: (this.picks.value?.people ?? []).filter((p) => p.department === department).map((p) => p.name) };
    } else if (value.startsWith('group:')) {
      const group = value.slice(6);
      this.scope = { kind: 'people', names: [...(this.picks.value?.groups.find((g) => g.name === group)?.people ?? [])] };
    }
  };

  /** A new entry at `start`, for the document pane below to fill in and save. */
  private plan(start: number, length: number): void {
    const values: Doc = { when: new Date(start).toISOString(), end: new Date(start + length).toISOString() };
    this.dispatchEvent(new CustomEvent('gx-new-document', { detail: { form: 'Appointment', values }, bubbles: true, composed: true }));
  }

  private open(e: Event, item: CalendarItem): void {
    e.stopPropagation();
    if (item.busy) return;
    if (item.recurring) {
      this.occurrence = { id: item.id, start: item.start, delta: null };
      return;
    }
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id: item.id }, bubbles: true, composed: true }));
  }

  private onDrag(e: DragEvent, item: CalendarItem): void {
    e.dataTransfer?.setData('application/x-guanxi-entry', JSON.stringify({ id: item.id, start: item.start }));
    if (e.dataTransfer) e.dataTransfer.effectAllowed = 'move';
  }

  /** Moves the dragged entry to `day` at `hour`, or keeping its time of day when dropped on a whole day. */
  private async onDrop(e: DragEvent, day: number, hour: number | null): Promise<void> {
    e.preventDefault();
    const data = e.dataTransfer?.getData('application/x-guanxi-entry');
    const db = this.db;
    if (!data || !db) return;
    const { id, start } = JSON.parse(data) as { id: string; start: number };
    const target = hour === null ? day + (start - startOfDay(start)) : day + hour * HOUR_MS;
    const delta = target - start;
    const stored = await db.getDoc(id);
    if (!stored || delta === 0) return;
    if (typeof stored.rrule === 'string' && stored.rrule !== '') {
      this.occurrence = { id, start, delta };
      return;
    }
    await this.moveWhole(db, stored, delta);
  }

  /** Moves an entry, a repeating one with all its occurrences, by `delta` ms. */
  private async moveWhole(db: LocalDatabase, stored: Doc, delta: number): Promise<void> {
    const shift = (value: unknown) => (typeof value === 'string' ? new Date(Date.parse(value) + delta).toISOString() : value);
    const moved: Doc = { ...stored, when: shift(stored.when), ...(typeof stored.end === 'string' ? { end: shift(stored.end) } : {}) };
    this.tell(await saveDocument(db, moved, stored));
  }

  private tell(outcome: SaveOutcome | { ok: true }): void {
    if (outcome.ok) return;
    const reason = outcome.errors.map((error) => this.locale.label(error.message)).join(' ');
    this.dispatchEvent(new CustomEvent('gx-notice', { detail: this.locale.t.calendarMoveFailed(reason), bubbles: true, composed: true }));
  }

  /** The choice for an occurrence of a repeating entry: moved — this one or all; clicked — open the series, change or delete this one. */
  private renderOccurrence(occurrence: { readonly id: string; readonly start: number; readonly delta: number | null }) {
    const t = this.locale.t;
    const db = this.db;
    const { id, start, delta } = occurrence;
    const done = async (work: () => Promise<void>) => {
      this.occurrence = null;
      if (db) await work();
    };
    const iso = (time: number) => new Date(time).toISOString();
    const only = async () => {
      const series = await db!.getDoc(id);
      if (!series) return;
      const moved = delta === null ? {} : { when: iso(start + delta), end: iso(start + delta + durationOf(series)) };
      const outcome = await changeOccurrence(db!, id, start, moved);
      this.tell(outcome);
      // Changed without moving: the occurrence of its own opens for editing.
      if (outcome.ok && delta === null && 'id' in outcome && outcome.id) this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id: outcome.id }, bubbles: true, composed: true }));
    };
    return html`<div class="backdrop"><section role="dialog" aria-label=${t.calendarOccurrenceTitle} data-dialog="occurrence">
      <h2>${t.calendarOccurrenceTitle}</h2>
      <p class="hint padded">${this.locale.dateTime(iso(start))}</p>
      <div class="actions">
        ${delta === null ? html`
          <button data-action="series" @click=${() => done(async () => { this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id }, bubbles: true, composed: true })); })}>${t.calendarOpenSeries}</button>
          <button data-action="this-one" @click=${() => done(only)}>${t.calendarChangeOne}</button>
          <button data-action="delete-one" @click=${() => done(async () => this.tell(await changeOccurrence(db!, id, start, null)))}>${t.calendarDeleteOne}</button>`
        : html`
          <button data-action="this-one" @click=${() => done(only)}>${t.calendarThisOne}</button>
          <button data-action="all" @click=${() => done(async () => { const stored = await db!.getDoc(id); if (stored) await this.moveWhole(db!, stored, delta); })}>${t.calendarAllOfThem}</button>`}
        <button class="end" data-action="cancel" @click=${() => (this.occurrence = null)}>${t.cancel}</button>
      </div>
    </section></div>`;
  }

  private async showFeed(change: 'show' | 'renew' | 'revoke'): Promise<void> {
    const outcome = await feedAddress(this.locale.t.calendarFeedOffline, change);
    this.feed = outcome.ok ? { url: outcome.value } : { url: null, error: typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason) };
  }

  private renderFeed() {
    const t = this.locale.t;
    const feed = this.feed!;
    return html`<div class="backdrop"><section role="dialog" aria-label=${t.calendarFeed} class="feed" data-dialog="feed">
      <h2>${t.calendarFeed}</h2>
      ${feed.error ? html`<div class="error" role="alert">${feed.error}</div>`
        : feed.url ? html`<p class="hint padded">${t.calendarFeedText}</p><input readonly data-feed-url .value=${feed.url} @focus=${(e: Event) => (e.target as HTMLInputElement).select()}>`
        : html`<p class="hint padded">${t.calendarFeedRevoked}</p>`}
      <div class="actions">
        <button data-action="feed-renew" @click=${() => void this.showFeed('renew')}>${t.calendarFeedRenew}</button>
        ${feed.url ? html`<button data-action="feed-revoke" @click=${() => void this.showFeed('revoke')}>${t.calendarFeedRevoke}</button>` : nothing}
        <button class="end" @click=${() => (this.feed = null)}>${t.cancel}</button>
      </div>
    </section></div>`;
  }
}

function allowDrop(e: DragEvent): void {
  e.preventDefault();
  if (e.dataTransfer) e.dataTransfer.dropEffect = 'move';
}

/** People's names in pinyin order (张三 by zhang). */
function byPinyin(names: readonly string[]): string[] {
  return [...names].sort((a, b) => textKeys(a, { personName: true }).sort.localeCompare(textKeys(b, { personName: true }).sort));
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-calendar-pane': GxCalendarPane;
  }
}

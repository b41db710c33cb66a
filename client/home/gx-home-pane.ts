import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { MANAGER_ROLE } from '../../design/forms/crm-fields.js';
import { receiptId } from '../../design/forms/message.js';
import type { Doc } from '../../design/form.js';
import type { SalesFigures, SalesStatistics } from '../../engine/sales-figures.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { StoredDoc } from '../controllers/pouch.js';
import { localToday } from '../controllers/local-today.js';
import { agendaOf } from '../calendar/day-agenda.js';
import { plannedActivityText } from '../calendar/item-text.js';
import { fromDay, viewDocs } from '../controllers/view-docs.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { salesChart, salesChartStyles } from '../elements/sales-chart.js';
import { paneStyles } from '../elements/styles.js';

/** The page id the navigator and the address use for the home page in `crm`. */
export const HOME_PAGE = 'home';

const LIST_LIMIT = 20;
const FORUM_POSTS = 5;
/** The pipeline is asked of the server again at most this often while the replica keeps changing. */
export const STATISTICS_PAUSE_MS = 10_000;

interface HomeLists {
  readonly agenda: Doc[];
  readonly overdueActions: Doc[];
  readonly overdueContacts: Doc[];
  readonly bulletins: (Doc & { readonly unread: boolean })[];
  readonly forum: Doc[];
}

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * What each person sees first: today's agenda (appointments by their `when`, and `end` when they
 * have one), overdue next actions and customer contacts, unread messages, current bulletins and
 * the latest forum posts — all from the replica, offline too — and their pipeline against their
 * target from the server; a manager also sees the team's.
 */
@customElement('gx-home-pane')
export class GxHomePane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
    .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(340px, 1fr)); gap: 10px 24px; }
    section h3 { font-size: 14px; color: #13304f; margin: 10px 0 4px; border-bottom: 1px solid #dde6f1; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { padding: 2px 0; display: flex; gap: 8px; }
    li button { border: none; background: none; padding: 0; color: #1a4f8b; cursor: pointer; text-align: left; }
    li .when { color: #5b6b7c; white-space: nowrap; }
    .new { color: #b3261e; font-size: 11px; }
  `, salesChartStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  /** The replica's change count: the lists are read again when it changes. */
  @property({ type: Number }) accessor revision = 0;
  private readonly unread = new WatchController<ReadonlyMap<string, StoredDoc>>(this);
  /** `revision` as the pipeline last followed it: a burst of replica changes asks the server once. */
  @state() private accessor statsRevision = 0;
  private statsTimer: ReturnType<typeof setTimeout> | undefined;

  private readonly lists = new Task(this, {
    task: async ([crm, discussion]) => (crm ? readLists(crm, discussion) : null),
    args: () => [this.workspace?.database('crm'), this.workspace?.database('discussion'), this.revision] as const,
  });

  private readonly stats = new Task(this, {
    task: async ([year], { signal }) => {
      const response = await fetch(`/api/crm/statistics?period=${year}`, { signal });
      if (!response.ok) throw new Error(String(response.status));
      return (await response.json()) as SalesStatistics;
    },
    // Read again when the replica changes: a deal won or moved here shows once the server has it.
    args: () => [localToday().slice(0, 4), this.statsRevision] as const,
  });

  override willUpdate(changed: PropertyValues<this>): void {
    this.unread.follow(this.workspace?.database('crm')?.unreadMessages.value);
    // At most once per pause, and always after the last change of a burst (trailing).
    if (changed.has('revision') && changed.get('revision') !== undefined && this.statsTimer === undefined) {
      this.statsTimer = setTimeout(() => {
        this.statsTimer = undefined;
        this.statsRevision = this.revision;
      }, STATISTICS_PAUSE_MS);
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearTimeout(this.statsTimer);
    this.statsTimer = undefined;
  }

  override render() {
    const crm = this.workspace?.database('crm');
    if (!crm) return nothing;
    const t = this.locale.t;
    const messages = [...(this.unread.value?.values() ?? [])].sort((a, b) => String(b.sent).localeCompare(String(a.sent)));
    return html`
      <h2>${t.homeTitle}</h2>
      ${this.lists.render({
        pending: () => (this.lists.value ? this.renderLists(this.lists.value, messages) : html`<p class="muted">${t.loading}</p>`),
        complete: (lists) => (lists ? this.renderLists(lists, messages) : nothing),
        error: (error) => html`<p class="errors" role="alert">${String(error)}</p>`,
      })}
      ${this.renderPipeline(crm)}`;
  }

  private renderLists(lists: HomeLists, messages: Doc[]) {
    const t = this.locale.t;
    const at = (iso: unknown) => (typeof iso === 'string' ? this.locale.dateTime(iso) : '');
    const day = (date: unknown) => (typeof date === 'string' ? this.locale.date(date) : '');
    const discussion = this.workspace?.database('discussion');
    return html`<div class="grid">
      ${this.section('agenda', t.agendaToday, lists.agenda, 'crm', (d) => [at(d.when), typeof d.activityKind === 'string' ? plannedActivityText(d.activityKind, String(d.subject ?? ''), this.locale) : String(d.subject ?? ''), String(d.customerName ?? '')])}
      ${this.section('overdue-actions', t.overdueActions, lists.overdueActions, 'crm', (d) => [day(d.due), String(d.subject ?? ''), String(d.customerName ?? '')])}
      ${this.section('overdue-contacts', t.overdueContacts, lists.overdueContacts, 'crm', (d) => [day(d.nextContactDue), String(d.name ?? '')])}
      ${this.section('messages', t.unreadMessages, messages, 'crm', (d) => [at(d.sent), String(d.subject ?? ''), names(d.sender).join(', ')])}
      ${this.section('bulletins', t.bulletins, lists.bulletins, 'crm', (d) => [day(String(d.posted ?? '').slice(0, 10)), String(d.subject ?? ''), names(d.poster).join(', ')],
        (d) => ((d as HomeLists['bulletins'][number]).unread ? html`<span class="new">${t.newMark}</span>` : nothing))}
      ${discussion ? this.section('forum', t.forumPosts, lists.forum, 'discussion', (d) => [at(d.created), String(d.subject ?? ''), String(d.author ?? '')],
        (d) => (discussion.readMarks?.isUnread(d._id!) ? html`<span class="new">${t.newMark}</span>` : nothing)) : nothing}
    </div>`;
  }

  private section(id: string, title: string, docs: readonly Doc[], db: string, cells: (doc: Doc) => string[], mark?: (doc: Doc) => unknown) {
    return html`<section data-section=${id}>
      <h3>${title} ${docs.length > 0 ? html`<span class="muted">(${docs.length})</span>` : nothing}</h3>
      ${docs.length === 0 ? html`<p class="muted">${this.locale.t.nothingHere}</p>` : html`<ul>${docs.map((doc) => {
        const [when, subject, who] = cells(doc);
        return html`<li data-id=${doc._id}><span class="when">${when}</span>
          <button @click=${() => this.open(db, doc._id!)}>${subject}</button>${mark?.(doc) ?? nothing}<span class="muted">${who ?? ''}</span></li>`;
      })}</ul>`}
    </section>`;
  }

  private renderPipeline(crm: LocalDatabase) {
    const t = this.locale.t;
    const year = localToday().slice(0, 4);
    const me = crm.user.name;
    return this.stats.render({
      pending: () => nothing,
      error: () => html`<p class="muted">${t.pipelineOffline}</p>`,
      complete: (stats) => {
        const rows = stats.baseCurrency ? stats.rowsInBase : stats.rows;
        const mine = rows.filter((r) => r.owner === me);
        const figures = (r: SalesFigures) => t.pipelineFigures(this.locale.money(r.amountWon, r.currency),
          r.target ? this.locale.money(r.target, r.currency) : null, r.target ? Math.round((r.amountWon / r.target) * 100) : null,
          this.locale.money(r.weightedPipeline, r.currency));
        return html`<section data-section="pipeline"><h3>${t.myPipeline(year)}</h3>
            ${mine.length === 0 ? html`<p class="muted">${t.nothingHere}</p>` : salesChart(mine, t.myPipeline(year), figures)}</section>
          ${crm.access.names.has(MANAGER_ROLE) ? html`<section data-section="team-pipeline"><h3>${t.teamPipeline(year)}</h3>
            ${rows.length === 0 ? html`<p class="muted">${t.nothingHere}</p>` : salesChart(rows, t.teamPipeline(year), figures)}</section>` : nothing}`;
      },
    });
  }

  private open(db: string, id: string): void {
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db, id }, bubbles: true, composed: true }));
  }
}

/** The home page's lists, from the replicas' views. */
async function readLists(crm: LocalDatabase, discussion: LocalDatabase | undefined): Promise<HomeLists> {
  const today = localToday();
  const dayStart = new Date(`${today}T00:00:00`).getTime();
  const dayEnd = dayStart + 86_400_000;
  const [agenda, overdueActions, overdueContacts, bulletins, forum] = await Promise.all([
    // Each occurrence of my entries today, a repeating one's included (the calendar's own reading).
    agendaOf(crm, dayStart, dayEnd, [...crm.access.names]),
    viewDocs(crm, 'actions-by-due', { stop: fromDay(today), limit: LIST_LIMIT }),
    viewDocs(crm, 'customers-contact-due', { stop: fromDay(today), limit: LIST_LIMIT }),
    viewDocs(crm, 'bulletins', { stop: (row) => typeof row.values[0] === 'string' && row.values[0] < today }),
    discussion ? viewDocs(discussion, 'all-documents', { limit: FORUM_POSTS }) : Promise.resolve([]),
  ]);
  const read = new Set((await crm.pouch.allDocs({ keys: bulletins.map((b) => receiptId(b._id!, crm.user.name)) })).rows
    .flatMap((row) => ('value' in row && row.value && !row.value.deleted ? [row.id] : [])));
  return {
    agenda,
    overdueActions: overdueActions.filter((doc) => doc.status === 'next' || doc.status === 'waiting'),
    overdueContacts,
    bulletins: bulletins.map((doc) => ({ ...doc, unread: !names(doc.poster).includes(crm.user.name) && !read.has(receiptId(doc._id!, crm.user.name)) })),
    forum,
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-home-pane': GxHomePane;
  }
}

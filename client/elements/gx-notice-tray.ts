import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { NOTICE_KINDS } from '../../design/forms/notice.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { StoredDoc } from '../controllers/pouch.js';
import { saveDocument } from '../controllers/save-document.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { markRead } from '../messages/mark-read.js';
import { paneStyles } from './styles.js';

/** A reminder due later is shown from its time on: the tray looks again this often. */
const RECHECK_MS = 30_000;

interface Unread {
  readonly db: LocalDatabase;
  readonly doc: StoredDoc;
}

/**
 * The person's unread notices (urges, reminders, complaints, interests…) and internal messages in the header: a count,
 * and a list from which each opens the document it is about and is marked read on the way.
 * Marking read is a save of the notice, so it replicates like any other change, offline too.
 */
@customElement('gx-notice-tray')
export class GxNoticeTray extends LitElement {
  static override styles = [paneStyles, css`
    :host { position: relative; font-size: 12px; }
    .count { background: #f2f5f9; border: none; padding: 2px 8px; border-radius: 10px; color: #1d2733; cursor: pointer; }
    .count.some { background: #ffd66b; font-weight: 600; }
    .panel { position: absolute; right: 0; top: 24px; background: #fff; color: #1d2733; border: 1px solid #b4c2d3; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: 8px; width: 420px; z-index: 10; }
    .panel ul { list-style: none; margin: 6px 0; padding: 0; max-height: 360px; overflow: auto; }
    .panel li { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 4px 0; border-bottom: 1px solid #e3e9f0; }
    .panel li .subject { border: none; background: none; padding: 0; text-align: left; color: #1a4f8b; cursor: pointer; }
    .panel .when { grid-column: 1; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @state() private accessor open = false;
  private unsubscribes: (() => void)[] = [];
  private followed: Workspace | undefined;
  private timer: ReturnType<typeof setInterval> | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.timer = setInterval(() => this.requestUpdate(), RECHECK_MS);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.timer);
    this.follow(undefined);
  }

  override willUpdate(): void {
    if (this.workspace !== this.followed) this.follow(this.workspace);
  }

  private follow(workspace: Workspace | undefined): void {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    this.followed = workspace;
    this.unsubscribes = (workspace?.databases ?? []).flatMap((db) => [db.unreadNotices, db.unreadMessages.value].map((o) => o.subscribe(() => this.requestUpdate())));
  }

  /** Unread notices that are due and unread internal messages, newest first. */
  private get unread(): Unread[] {
    const now = new Date().toISOString();
    return (this.workspace?.databases ?? [])
      .flatMap((db) => [...db.unreadNotices.value.values(), ...db.unreadMessages.value.value.values()].map((doc) => ({ db, doc })))
      .filter(({ doc }) => typeof doc.due !== 'string' || doc.due <= now)
      .sort((a, b) => String(b.doc.due ?? b.doc.sent ?? b.doc.created).localeCompare(String(a.doc.due ?? a.doc.sent ?? a.doc.created)));
  }

  override render() {
    if (!this.workspace) return nothing;
    const t = this.locale.t;
    const unread = this.unread;
    return html`
      <button class="count ${unread.length > 0 ? 'some' : ''}" data-unread=${unread.length} aria-expanded=${String(this.open)}
        @click=${() => (this.open = !this.open)}>${t.notices(unread.length)}</button>
      ${this.open ? html`<div class="panel" role="dialog" aria-label=${t.noticesTitle}>
        <strong>${t.noticesTitle}</strong>
        ${unread.length === 0 ? html`<p class="muted">${t.noNotices}</p>` : html`
          <ul>${unread.map((notice) => this.renderNotice(notice))}</ul>
          <button @click=${() => this.markRead(unread)}>${t.markAllRead}</button>`}
      </div>` : nothing}`;
  }

  private renderNotice(notice: Unread) {
    const { doc } = notice;
    const kind = NOTICE_KINDS.find((k) => k.value === doc.kind);
    const what = doc.form === 'Message' ? this.locale.t.messageFrom(String(doc.sender ?? '')) : kind ? this.locale.label(kind.label) : '';
    const when = String(doc.due ?? doc.sent ?? doc.created ?? '');
    return html`<li data-notice-id=${doc._id}>
      <button class="subject" @click=${() => this.openNotice(notice)}>${String(doc.subject ?? '')}</button>
      <button @click=${() => this.markRead([notice])}>${this.locale.t.markRead}</button>
      <span class="when muted">${what} · ${when ? this.locale.dateTime(when) : ''}</span>
    </li>`;
  }

  /** Opens what the notice is about (or the notice itself when it names nothing), marking it read. */
  private async openNotice(notice: Unread): Promise<void> {
    const { db, doc } = notice;
    // A message opens itself: its text and link are what was sent.
    const linked = doc.form === 'Notice' && typeof doc.linkDb === 'string' && typeof doc.linkId === 'string' && this.workspace?.database(doc.linkDb);
    this.open = false;
    this.dispatchEvent(new CustomEvent('gx-open-document', {
      detail: linked ? { db: doc.linkDb, id: doc.linkId } : { db: db.name, id: doc._id },
      bubbles: true, composed: true,
    }));
    await this.markRead([notice]);
  }

  private async markRead(notices: readonly Unread[]): Promise<void> {
    const readAt = new Date().toISOString();
    for (const { db, doc } of notices) {
      const outcome = doc.form === 'Message' ? await markRead(db, doc) : await saveDocument(db, { ...doc, readAt }, doc);
      if (outcome && !outcome.ok) this.dispatchEvent(new CustomEvent('gx-notice', { detail: outcome.errors.map((e) => this.locale.label(e.message)).join(' '), bubbles: true, composed: true }));
    }
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-notice-tray': GxNoticeTray;
  }
}

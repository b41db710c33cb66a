import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import type { Label } from '../../design/label.js';
import { localeContext, workspaceContext } from '../contexts.js';
import type { StoredDoc } from '../controllers/pouch.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';

/** The page id the navigator and the address use for the received messages in `crm`. */
export const RECEIVED_MESSAGES_PAGE = 'messages-received';

/** Where the navigator shows it: in the messages' folder, beside 收发 and 已发送. */
export const RECEIVED_MESSAGES_NAME: Label = { zh: '内部短信\\收件箱', en: 'Messages\\Received' };

function names(value: unknown): string {
  return Array.isArray(value) ? value.map(String).join(', ') : '';
}

/**
 * The messages this person received — to them by name, or to a group, department or role they
 * are in, each once — newest first, unread ones marked. A view cannot hold it: "not sent by me"
 * and group membership are the viewer's, so it is the replica's own list (offline too), the one
 * the notice tray reads its unread messages from.
 */
@customElement('gx-received-messages-pane')
export class GxReceivedMessagesPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; background: #fff; }
    h2 { font-size: 15px; margin: 8px 12px; color: #13304f; }
    table { border-collapse: collapse; width: 100%; }
    th { text-align: left; font-weight: 600; color: #35506e; background: #eef2f7; padding: 3px 8px; border-bottom: 1px solid #b4c2d3; }
    td { padding: 3px 8px; border-bottom: 1px solid #eef2f7; }
    tr[data-id] { cursor: pointer; }
    tr[data-id]:hover { background: #eef4fb; }
    tr[data-unread=true] td { font-weight: 600; }
    .new { color: #b3261e; font-size: 11px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  private readonly received = new WatchController<readonly StoredDoc[]>(this);
  private readonly unread = new WatchController<ReadonlyMap<string, StoredDoc>>(this);

  override willUpdate(): void {
    const messages = this.workspace?.database('crm')?.unreadMessages;
    this.received.follow(messages?.received);
    this.unread.follow(messages?.value);
  }

  override render() {
    const t = this.locale.t;
    const docs = this.received.value ?? [];
    const unread = this.unread.value ?? new Map();
    return html`<h2>${this.locale.label(RECEIVED_MESSAGES_NAME).split('\\').at(-1)} <span class="muted">(${docs.length})</span></h2>
      ${docs.length === 0 ? html`<p class="muted">${t.nothingHere}</p>` : html`<table>
        <thead><tr><th>${t.receivedSent}</th><th>${t.receivedFrom}</th><th>${t.receivedSubject}</th><th>${t.receivedTo}</th></tr></thead>
        <tbody>${docs.map((doc) => html`<tr data-id=${doc._id} data-unread=${unread.has(doc._id) ? 'true' : 'false'} @click=${() => this.open(doc._id)}>
          <td>${typeof doc.sent === 'string' ? this.locale.dateTime(doc.sent) : ''}</td>
          <td>${names(doc.sender)}</td>
          <td>${String(doc.subject ?? '')} ${unread.has(doc._id) ? html`<span class="new">${t.newMark}</span>` : nothing}</td>
          <td>${names(doc.to)}</td></tr>`)}</tbody></table>`}`;
  }

  private open(id: string): void {
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db: 'crm', id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-received-messages-pane': GxReceivedMessagesPane;
  }
}

import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement } from 'lit';
import { customElement } from 'lit/decorators.js';
import { formByName } from '../../design/forms/index.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from '../elements/styles.js';
import { readWaitingApprovals, WAITING_VIEWS } from './waiting-approvals.js';

/** The page id the navigator and the address use for this pane in `office`. */
export const WAITING_APPROVALS_PAGE = 'waiting-approvals';

/**
 * Everything waiting for the signed-in person's approval, of every form and database (an expense
 * claim, a quotation above the discount, credit terms): one list, each opening its document.
 */
@customElement('gx-waiting-approvals-pane')
export class GxWaitingApprovalsPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 4px 8px; border-bottom: 1px solid #e3e8ee; font-size: 13px; }
    button.link { background: none; border: 0; padding: 0; color: #1d5fa8; cursor: pointer; text-align: left; font: inherit; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  /** Each replica's change count: the list is read again when any of them changes. */
  private readonly revisions = Object.keys(WAITING_VIEWS).map((name) => ({ name, watch: new WatchController<number>(this) }));

  private readonly waiting = new Task(this, {
    task: async ([workspace]) => (workspace ? readWaitingApprovals(workspace.databases, workspace.user.name) : []),
    args: () => [this.workspace, ...this.revisions.map((r) => r.watch.value)] as const,
  });

  override willUpdate(): void {
    for (const { name, watch } of this.revisions) watch.follow(this.workspace?.database(name)?.revision);
  }

  override render() {
    const t = this.locale.t;
    return html`<h2>${t.waitingApprovalsTitle}</h2>
      ${this.waiting.render({
        pending: () => html`<p class="muted">${t.loading}</p>`,
        error: (error) => html`<p class="errors" role="alert">${String(error)}</p>`,
        complete: (rows) => (rows.length === 0 ? html`<p class="muted" data-empty>${t.nothingHere}</p>` : html`<table>
          <thead><tr><th>${t.waitingSubmitted}</th><th>${t.waitingForm}</th><th>${t.waitingTitle}</th><th>${t.waitingFiler}</th></tr></thead>
          <tbody>${rows.map(({ db, doc }) => {
            const form = typeof doc.form === 'string' ? formByName(doc.form) : undefined;
            const title = form ? doc[form.titleField] : undefined;
            return html`<tr data-id=${doc._id!} data-db=${db}>
              <td>${typeof doc.submittedAt === 'string' ? this.locale.dateTime(doc.submittedAt) : ''}</td>
              <td>${form ? this.locale.label(form.label) : String(doc.form)}</td>
              <td><button class="link" @click=${() => this.open(db, doc._id!)}>${typeof title === 'string' && title !== '' ? title : doc._id}</button></td>
              <td>${String(doc.createdBy ?? '')}</td></tr>`;
          })}</tbody></table>`),
      })}`;
  }

  private open(db: string, id: string): void {
    this.dispatchEvent(new CustomEvent('gx-open-document', { detail: { db, id }, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-waiting-approvals-pane': GxWaitingApprovalsPane;
  }
}

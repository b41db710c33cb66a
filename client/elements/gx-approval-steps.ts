import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { ApprovalActionName, ApprovalDef, ApprovalStep } from '../../design/approval/approval-def.js';
import { availableApprovalActions, historyOf, routeOf } from '../../design/approval/apply-approval-action.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import { localeContext } from '../contexts.js';
import { takeApprovalStep } from '../controllers/approval-api.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles, stepStyles } from './styles.js';

/** Steps that must say why. */
const NOTE_REQUIRED: ReadonlySet<ApprovalActionName> = new Set(['return', 'reject']);

/**
 * A document's approval: the steps the person may take now (submit, approve, return with a
 * comment, reject, urge, withdraw, the completion step such as "paid"), each confirmed in a small
 * dialog with a comment and sent to the server, which records who and when; the route with who
 * approved at each stage and who it waits for; and the history as a timeline.
 */
@customElement('gx-approval-steps')
export class GxApprovalSteps extends LitElement {
  static override styles = [paneStyles, stepStyles, css`
    ol[data-route] { margin: 4px 0 0; padding: 0 0 0 18px; }
    li.current { font-weight: 600; }
    .what { margin: 0 4px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property() accessor dbName = '';
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @property({ attribute: false }) accessor def: ApprovalDef | null = null;
  @property({ attribute: false }) accessor user: UserContext | null = null;
  /** The replica's CRM settings, which say whether a document needs approval at all (a quotation's allowed discount). */
  @property({ attribute: false }) accessor crmSettings: Doc | null = null;
  @state() private accessor error = '';
  @state() private accessor busy = false;
  @state() private accessor taking: ApprovalActionName | null = null;

  override render() {
    const { doc, user, def } = this;
    if (!doc?._id || !user || !def) return nothing;
    return html`
      <div class="buttons">${availableApprovalActions(doc, def, user, this.crmSettings).map((action) => html`
        <button data-step=${action} class=${action === 'approve' || action === 'submit' ? 'primary' : ''} ?disabled=${this.busy || this.taking !== null}
          @click=${() => this.open(action)}>${this.actionLabel(action)}</button>`)}
        ${this.error && !this.taking ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      </div>
      ${this.taking ? this.renderDialog(this.taking) : nothing}
      ${this.renderRoute(doc)}
      ${this.renderHistory(doc)}`;
  }

  private actionLabel(action: ApprovalActionName | 'skip'): string {
    const t = this.locale.t;
    if (action === 'complete') return this.def?.completion ? this.locale.label(this.def.completion.label) : action;
    const labels: Record<Exclude<ApprovalActionName, 'complete'> | 'skip', string> = {
      submit: t.actionSubmit, approve: t.actionApprove, return: t.actionReturn, reject: t.actionReject,
      urge: t.actionUrge, withdraw: t.actionWithdraw, skip: t.actionSkip,
    };
    return labels[action];
  }

  private renderDialog(action: ApprovalActionName) {
    const t = this.locale.t;
    const label = this.actionLabel(action);
    return html`<form role="dialog" aria-label=${label} data-dialog=${action} @submit=${(e: SubmitEvent) => void this.submit(e, action)}>
      <h3>${label}</h3>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      <label>${NOTE_REQUIRED.has(action) ? t.approvalNoteRequired : t.approvalNote}<textarea name="note" rows="3" ?required=${NOTE_REQUIRED.has(action)}></textarea></label>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${label}</button>
        <button type="button" @click=${() => this.close()}>${t.approvalCancel}</button>
      </div>
    </form>`;
  }

  private renderRoute(doc: Doc) {
    const t = this.locale.t;
    const route = routeOf(doc);
    if (route.length === 0) return nothing;
    const current = doc.approvalStatus === 'pending' && typeof doc.stage === 'number' ? doc.stage : -1;
    const waiting = Array.isArray(doc.waitingFor) ? doc.waitingFor.map(String) : [];
    return html`<h4>${t.approvalRoute}</h4><ol data-route>${route.map((stage, i) => {
      const approved = stage.approved.map((a) => (a.for ? `${a.by}（${t.approvalFor(a.for)}）` : a.by)).join('、');
      return html`<li class=${i === current ? 'current' : ''} data-stage=${i}>${this.locale.label(stage.label)}: ${stage.approvers.join('、')}
        ${approved ? html` · <span>${t.approvalApprovedBy(approved)}</span>` : nothing}
        ${i === current ? html` · <span data-waiting>${t.approvalWaiting(waiting.join('、'))}</span>` : nothing}</li>`;
    })}</ol>`;
  }

  private renderHistory(doc: Doc) {
    const t = this.locale.t;
    const steps = historyOf(doc);
    return html`<h4>${t.approvalHistory}</h4>
      ${steps.length === 0 ? html`<div class="muted">${t.approvalNoHistory}</div>` : html`<ol data-history>${steps.map((step: ApprovalStep) => html`<li>
        <span class="when">${this.locale.dateTime(step.at)}</span><span class="who">${step.by}${step.for ? `（${t.approvalFor(step.for)}）` : ''}</span>
        <span class="what">${this.actionLabel(step.action)}</span>${step.stage ? html`<span class="muted">${this.locale.label(step.stage)}</span>` : nothing}
        ${step.action === 'skip' ? html`<span class="muted"> — ${t.approvalSkipped}</span>` : nothing}
        ${step.note ? html`<div class="note">${step.note}</div>` : nothing}</li>`)}</ol>`}`;
  }

  private open(action: ApprovalActionName): void {
    this.taking = action;
    this.error = '';
  }

  private close(): void {
    this.taking = null;
    this.error = '';
  }

  private async submit(e: SubmitEvent, action: ApprovalActionName): Promise<void> {
    e.preventDefault();
    const note = String(new FormData(e.target as HTMLFormElement).get('note') ?? '');
    this.busy = true;
    const outcome = await takeApprovalStep(this.dbName, this.doc!._id!, { action, ...(note.trim() ? { note } : {}) });
    this.busy = false;
    if (outcome.ok) this.close();
    else this.error = typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-approval-steps': GxApprovalSteps;
  }
}

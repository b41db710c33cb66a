import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { availableComplaintActions, COMPLAINT_STEP_FORMS, type ComplaintAction, type ComplaintStep } from '../../design/complaint-actions.js';
import type { DirectoryPicks } from '../../design/directory-picks.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import { localeContext } from '../contexts.js';
import { takeComplaintStep } from '../controllers/complaint-api.js';
import { loadDirectoryPicks } from '../controllers/directory-picks.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles, stepStyles } from './styles.js';

type Action = ComplaintAction['action'];

/**
 * The steps a person may take on a complaint now (pass on, approve, record handling, solve,
 * close), each in a dialog that asks for what it needs — a department and handlers picked from the
 * directory, a note, the solution, the summary — sent to the server, which records who and when;
 * and the complaint's history as a timeline.
 */
@customElement('gx-complaint-steps')
export class GxComplaintSteps extends LitElement {
  static override styles = [paneStyles, stepStyles, css`
    .handlers { max-height: 160px; overflow: auto; border: 1px solid #d5dde7; padding: 2px 6px; background: #fff; }
    .handlers label { display: flex; gap: 6px; align-items: center; color: inherit; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @property({ attribute: false }) accessor user: UserContext | null = null;
  @state() private accessor error = '';
  @state() private accessor busy = false;
  /** The step whose dialog is open. */
  @state() private accessor taking: Action | null = null;
  @state() private accessor picks: DirectoryPicks | null = null;

  override render() {
    const { doc, user } = this;
    if (!doc?._id || !user) return nothing;
    return html`
      <div class="buttons">${availableComplaintActions(doc, user).map((action) => html`
        <button data-step=${action} ?disabled=${this.busy || this.taking !== null} @click=${() => void this.open(action)}>${this.locale.label(COMPLAINT_STEP_FORMS[action].label)}</button>`)}
        ${this.error && !this.taking ? html`<span class="error" role="alert">${this.error}</span>` : nothing}
      </div>
      ${this.taking ? this.renderDialog(this.taking) : nothing}
      ${this.renderHistory(doc)}`;
  }

  private renderDialog(action: Action) {
    const t = this.locale.t;
    const { asks, prompt, label } = COMPLAINT_STEP_FORMS[action];
    const routing = asks === 'department';
    return html`<form role="dialog" aria-label=${this.locale.label(label)} data-dialog=${action} @submit=${(e: SubmitEvent) => void this.submit(e, action)}>
      <h3>${this.locale.label(label)}</h3>
      ${this.error ? html`<div class="error" role="alert">${this.error}</div>` : nothing}
      ${routing ? this.renderRouting() : nothing}
      <label>${routing ? t.complaintNote : this.locale.label(prompt)}<textarea name=${routing ? 'note' : asks} rows="3"></textarea></label>
      <div class="row">
        <button class="primary" type="submit" ?disabled=${this.busy}>${this.locale.label(label)}</button>
        <button type="button" @click=${() => this.close()}>${t.complaintCancel}</button>
      </div>
    </form>`;
  }

  private renderRouting() {
    const t = this.locale.t;
    if (!this.picks) return html`<div class="muted">${t.complaintLoading}</div>`;
    return html`
      <label>${t.complaintDepartment}<select name="department">
        <option value="">${t.complaintChoose}</option>
        ${this.picks.groups.map((g) => html`<option value=${g.name}>${g.name}${g.members === 0 ? ` ${t.complaintNoMembers}` : ''}</option>`)}
      </select></label>
      <div>${t.complaintHandlers}</div>
      <div class="handlers">${this.picks.people.map((p) => html`<label><input type="checkbox" name="handler" value=${p.name}>${p.name}${p.department ? html` <span class="muted">${p.department}</span>` : nothing}</label>`)}</div>`;
  }

  private renderHistory(doc: Doc) {
    const t = this.locale.t;
    const steps = Array.isArray(doc.steps) ? (doc.steps as ComplaintStep[]) : [];
    const extra = (step: ComplaintStep) => {
      if (step.action === 'solve') return String(doc.solution ?? '');
      if (step.action === 'close') return String(doc.summary ?? '');
      return step.note ?? '';
    };
    return html`<h4>${t.complaintHistory}</h4>
      ${steps.length === 0 ? html`<div class="muted">${t.complaintNoHistory}</div>` : html`<ol data-history>${steps.map((step) => {
        const to = [step.department, ...(step.handler ?? [])].filter(Boolean).join('、');
        const note = extra(step);
        return html`<li><span class="when">${this.locale.dateTime(step.at)}</span><span class="who">${step.by}</span>
          <span class="what">${COMPLAINT_STEP_FORMS[step.action] ? this.locale.label(COMPLAINT_STEP_FORMS[step.action].label) : step.action}</span>
          ${to ? html`<span>${t.complaintSentTo(to)}</span>` : nothing}
          ${note ? html`<div class="note">${note}</div>` : nothing}</li>`;
      })}</ol>`}`;
  }

  private async open(action: Action): Promise<void> {
    this.taking = action;
    this.error = '';
    if (COMPLAINT_STEP_FORMS[action].asks !== 'department') return;
    try {
      this.picks = await loadDirectoryPicks();
    } catch (error) {
      this.error = apiErrorText(error, this.locale);
    }
  }

  private close(): void {
    this.taking = null;
    this.error = '';
  }

  private async submit(e: SubmitEvent, action: Action): Promise<void> {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const text = (key: string) => String(data.get(key) ?? '');
    const step: ComplaintAction = COMPLAINT_STEP_FORMS[action].asks === 'department'
      ? { action, department: text('department'), handler: data.getAll('handler').map(String), note: text('note') }
      : { action, [COMPLAINT_STEP_FORMS[action].asks]: text(COMPLAINT_STEP_FORMS[action].asks) };
    this.busy = true;
    const outcome = await takeComplaintStep(this.doc!._id!, step);
    this.busy = false;
    if (outcome.ok) this.close();
    else this.error = typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-complaint-steps': GxComplaintSteps;
  }
}

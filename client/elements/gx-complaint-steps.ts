import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { availableComplaintActions, COMPLAINT_STEP_FORMS, type ComplaintAction } from '../../design/complaint-actions.js';
import type { Doc } from '../../design/form.js';
import type { UserContext } from '../../design/user.js';
import { localeContext } from '../contexts.js';
import { takeComplaintStep } from '../controllers/complaint-api.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * The steps a person may take on a complaint now (pass on, approve, record handling, solve,
 * close), each asking for what it needs and sent to the server, which records who and when.
 */
@customElement('gx-complaint-steps')
export class GxComplaintSteps extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; margin: 6px 0 10px; }
    .error { color: #b3261e; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  @property({ attribute: false }) accessor user: UserContext | null = null;
  @state() private accessor error = '';
  @state() private accessor busy = false;

  override render() {
    const { doc, user } = this;
    if (!doc?._id || !user) return nothing;
    return html`${availableComplaintActions(doc, user).map((action) => html`
      <button data-step=${action} ?disabled=${this.busy} @click=${() => void this.take(action)}>${this.locale.label(COMPLAINT_STEP_FORMS[action].label)}</button>`)}
      ${this.error ? html`<span class="error" role="alert">${this.error}</span>` : nothing}`;
  }

  private async take(action: ComplaintAction['action']): Promise<void> {
    const { asks, prompt } = COMPLAINT_STEP_FORMS[action];
    const answer = window.prompt(this.locale.label(prompt), '');
    if (answer === null) return;
    this.busy = true;
    const outcome = await takeComplaintStep(this.doc!._id!, { action, [asks]: answer });
    this.busy = false;
    this.error = outcome.ok ? '' : typeof outcome.reason === 'string' ? outcome.reason : this.locale.label(outcome.reason);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-complaint-steps': GxComplaintSteps;
  }
}

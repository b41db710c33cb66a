import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement } from 'lit/decorators.js';
import { decideWrite } from '../../design/access/document-access.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { saveDocument } from '../controllers/save-document.js';
import type { Workspace } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';

/**
 * GTD's collecting, from anywhere in the workstation: one line typed in the header becomes an
 * action in the person's inbox (saved in the replica, offline too), to be sorted at the review.
 */
@customElement('gx-capture-line')
export class GxCaptureLine extends LitElement {
  static override styles = css`
    :host { display: block; flex: 1; max-width: 320px; }
    input { width: 100%; box-sizing: border-box; font: inherit; padding: 2px 6px; }
  `;

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;

  override render() {
    const crm = this.workspace?.database('crm');
    if (!crm || !decideWrite(crm.access, null, { form: 'Action' }).allowed) return nothing;
    const t = this.locale.t;
    return html`<input name="capture" aria-label=${t.captureLabel} placeholder=${t.capturePlaceholder} maxlength="300"
      @keydown=${(e: KeyboardEvent) => void (e.key === 'Enter' && !e.isComposing && this.capture(e.target as HTMLInputElement))}>`;
  }

  private async capture(input: HTMLInputElement): Promise<void> {
    const crm = this.workspace?.database('crm');
    const line = input.value.trim();
    if (!crm || line === '') return;
    const outcome = await saveDocument(crm, { form: 'Action', subject: line }, null);
    const text = outcome.ok ? this.locale.t.captured(line) : outcome.errors.map((e) => this.locale.label(e.message)).join(' ');
    if (outcome.ok) input.value = '';
    this.dispatchEvent(new CustomEvent('gx-notice', { detail: text, bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-capture-line': GxCaptureLine;
  }
}

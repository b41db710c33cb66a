import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { FillProgress, Workspace, WorkspaceStatus } from '../controllers/workspace.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * Online or offline, syncing, changes not yet sent, and writes the server refused with its
 * reason. The data attributes say the same to tests and the benchmark.
 */
@customElement('gx-status-indicator')
export class GxStatusIndicator extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: inline-flex; gap: 8px; align-items: center; position: relative; font-size: 12px; }
    .dot { width: 9px; height: 9px; border-radius: 50%; display: inline-block; margin-right: 4px; }
    .online .dot { background: #2e9d4f; }
    .offline .dot { background: #a0a7b0; }
    .badge { padding: 1px 6px; border-radius: 8px; background: #e3e9f0; }
    .pending { background: #fff1c2; }
    .refused { background: #fbd7d3; color: #8c1d18; cursor: pointer; border: none; }
    .panel { position: absolute; right: 0; top: 24px; background: #fff; border: 1px solid #b4c2d3; box-shadow: 0 2px 8px rgba(0,0,0,.15); padding: 8px; width: 380px; z-index: 10; }
    .panel li { margin: 4px 0; }
    .reason { color: #8c1d18; }
    .filling { display: inline-flex; gap: 6px; align-items: center; }
    .filling progress { width: 120px; height: 10px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @state() private accessor open = false;
  private readonly status = new WatchController<WorkspaceStatus>(this);

  override willUpdate(): void {
    this.status.follow(this.workspace?.status);
  }

  override render() {
    const status = this.status.value;
    if (!status) return nothing;
    const t = this.locale.t;
    return html`<span class="status ${status.online ? 'online' : 'offline'}" data-online=${String(status.online)} data-syncing=${String(status.syncing)}
        data-ready=${String(status.ready)} data-pending=${status.pending} data-refused=${status.refused.length}>
        <span class="dot"></span>${status.online ? t.online : t.offline}</span>
      ${status.filling ? this.renderFilling(status.filling) : html`<span class="muted">${status.syncing ? t.syncing : status.ready ? t.upToDate : status.online ? t.preparing : ''}</span>`}
      ${status.pending > 0 ? html`<span class="badge pending">${t.pending(status.pending)}</span>` : nothing}
      ${status.refused.length > 0 ? html`<button class="badge refused" @click=${() => (this.open = !this.open)}>${t.refused(status.refused.length)}</button>` : nothing}
      ${this.open && status.refused.length > 0 ? html`<div class="panel" role="dialog">
        <strong>${t.refusedTitle}</strong>
        <ul>${status.refused.map((r) => html`<li data-refused-id=${r.id}>${r.db}/${r.id}: <span class="reason">${r.reason}</span>
          <button @click=${() => this.workspace?.database(r.db)?.outbox.dismiss(r.id)}>${t.dismiss}</button></li>`)}</ul>
      </div>` : nothing}`;
  }

  /** The first replica (or a long catch-up) on its way: a bar, the documents so far and the time left. */
  private renderFilling(filling: FillProgress) {
    const { t, number, percent, duration } = this.locale;
    const text = t.filling(number(filling.docs), filling.share === null ? null : percent(filling.share), filling.secondsLeft === null ? null : duration(filling.secondsLeft));
    return html`<span class="filling muted" data-filling-docs=${filling.docs} role="status">
      ${filling.share === null ? html`<progress aria-label=${text}></progress>` : html`<progress max="1" .value=${filling.share} aria-label=${text}></progress>`}${text}</span>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-status-indicator': GxStatusIndicator;
  }
}

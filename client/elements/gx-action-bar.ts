import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

export interface Action {
  readonly id: string;
  readonly label: string;
  readonly primary?: boolean;
  readonly disabled?: boolean;
  /** Seldom used: offered in the bar's menu (更多/More) rather than as a button of its own. */
  readonly more?: boolean;
}

/**
 * Notes' action bar: the actions the current form or view offers, the seldom used ones in a menu
 * at its end, so that the bar stays one line. Fires `gx-action` with the action's id.
 */
@customElement('gx-action-bar')
export class GxActionBar extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: flex; gap: 4px; padding: 4px 6px; background: linear-gradient(#eef2f7, #dbe3ed); border-bottom: 1px solid #b4c2d3; flex-wrap: wrap; min-height: 32px; }
    details.more { position: relative; }
    details.more summary { list-style: none; cursor: pointer; padding: 2px 10px; border: 1px solid #9fb0c5; border-radius: 3px; background: #fff; }
    details.more summary::-webkit-details-marker { display: none; }
    details.more summary::after { content: ' ▾'; }
    .menu { position: absolute; top: calc(100% + 2px); left: 0; z-index: 20; display: flex; flex-direction: column; min-width: 12em;
      background: #fff; border: 1px solid #9fb0c5; box-shadow: 0 2px 8px rgba(0, 0, 0, .15); padding: 2px; }
    .menu button { text-align: left; border: 0; background: none; padding: 4px 10px; }
    .menu button:hover { background: #e6eef8; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor actions: readonly Action[] = [];

  override render() {
    const more = this.actions.filter((action) => action.more);
    return html`${this.actions.filter((action) => !action.more).map((action) => this.button(action))}
      ${more.length > 0 ? html`<details class="more"><summary data-action="more">${this.locale.t.moreActions}</summary>
        <div class="menu" role="menu">${more.map((action) => this.button(action))}</div></details>` : nothing}`;
  }

  private button(action: Action) {
    return html`<button class=${action.primary ? 'primary' : ''} ?disabled=${action.disabled} data-action=${action.id} role=${action.more ? 'menuitem' : nothing}
      @click=${(e: Event) => {
        (e.currentTarget as HTMLElement).closest('details')?.removeAttribute('open');
        this.dispatchEvent(new CustomEvent('gx-action', { detail: action.id, bubbles: true, composed: true }));
      }}>${action.label}</button>`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-action-bar': GxActionBar;
  }
}

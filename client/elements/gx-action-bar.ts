import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { paneStyles } from './styles.js';

export interface Action {
  readonly id: string;
  readonly label: string;
  readonly primary?: boolean;
  readonly disabled?: boolean;
}

/** Notes' action bar: the actions the current form or view offers. Fires `gx-action` with the action's id. */
@customElement('gx-action-bar')
export class GxActionBar extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: flex; gap: 4px; padding: 4px 6px; background: linear-gradient(#eef2f7, #dbe3ed); border-bottom: 1px solid #b4c2d3; flex-wrap: wrap; min-height: 32px; }
  `];

  @property({ attribute: false }) accessor actions: readonly Action[] = [];

  override render() {
    return this.actions.map((action) => html`
      <button class=${action.primary ? 'primary' : ''} ?disabled=${action.disabled} data-action=${action.id}
        @click=${() => this.dispatchEvent(new CustomEvent('gx-action', { detail: action.id, bubbles: true, composed: true }))}>${action.label}</button>`);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-action-bar': GxActionBar;
  }
}

import { consume } from '@lit/context';
import { css, html, LitElement } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import type { Locale } from '../i18n/locale.js';

const SMALLEST = 0.15;
const STEP = 0.05;

/** How much of the height the upper pane takes, kept within reach of both panes. */
export function clampSplit(fraction: number): number {
  return Math.min(1 - SMALLEST, Math.max(SMALLEST, fraction));
}

/**
 * The bar between the view pane and the document pane: dragged (or moved with the arrow keys) it
 * fires `gx-split` with the share of its parent's height the upper pane should take.
 */
@customElement('gx-pane-splitter')
export class GxPaneSplitter extends LitElement {
  static override styles = css`
    :host { display: block; height: 6px; cursor: row-resize; background: #c9d4e1; touch-action: none; }
    :host(:hover), :host(:focus-visible) { background: #8fa6c2; outline: none; }
  `;

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  /** The upper pane's share now. */
  @property({ type: Number }) accessor fraction = 0.5;

  override connectedCallback(): void {
    super.connectedCallback();
    this.setAttribute('role', 'separator');
    this.setAttribute('aria-orientation', 'horizontal');
    this.tabIndex = 0;
    this.addEventListener('pointerdown', this.onDown);
    this.addEventListener('keydown', this.onKey);
  }

  override updated(): void {
    this.setAttribute('aria-valuenow', String(Math.round(this.fraction * 100)));
    this.title = this.locale.t.resizePanes;
  }

  override render() {
    return html``;
  }

  private readonly onDown = (e: PointerEvent) => {
    this.setPointerCapture(e.pointerId);
    const move = (m: PointerEvent) => {
      const box = this.parentElement?.getBoundingClientRect();
      if (box && box.height > 0) this.split((m.clientY - box.top) / box.height);
    };
    const up = () => {
      this.removeEventListener('pointermove', move);
      this.removeEventListener('pointerup', up);
    };
    this.addEventListener('pointermove', move);
    this.addEventListener('pointerup', up);
  };

  private readonly onKey = (e: KeyboardEvent) => {
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown') {
      e.preventDefault();
      this.split(this.fraction + (e.key === 'ArrowUp' ? -STEP : STEP));
    }
  };

  private split(fraction: number): void {
    this.dispatchEvent(new CustomEvent('gx-split', { detail: clampSplit(fraction), bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-pane-splitter': GxPaneSplitter;
  }
}

import { css, html, nothing, svg } from 'lit';
import type { SalesFigures } from '../../engine/sales-figures.js';

const BAR = 18;
const CHART_WIDTH = 420;
const CAPTION_WIDTH = 480;

/**
 * One bar per row: won (dark), weighted pipeline after it (light), the target as a red frame; scaled per currency.
 * `caption` writes a row's figures beside its bar, where no table beside the chart gives them.
 */
export function salesChart(rows: readonly SalesFigures[], label: string, caption?: (row: SalesFigures) => string) {
  const scale = new Map<string, number>();
  for (const r of rows) scale.set(r.currency, Math.max(scale.get(r.currency) ?? 0, r.amountWon + r.weightedPipeline, r.target ?? 0));
  const x = (value: number, currency: string) => (scale.get(currency) ? (value / scale.get(currency)!) * (CHART_WIDTH - 140) : 0);
  const height = rows.length * (BAR + 8) + 8;
  const width = caption ? CHART_WIDTH + CAPTION_WIDTH : CHART_WIDTH;
  return html`<svg role="img" aria-label=${label} width=${width} height=${height} viewBox="0 0 ${width} ${height}">
    ${rows.map((r, i) => {
      const y = 8 + i * (BAR + 8);
      return svg`<text x="0" y=${y + 13}>${r.owner} ${r.currency}</text>
        <rect class="won" x="130" y=${y} width=${x(r.amountWon, r.currency)} height=${BAR}></rect>
        <rect class="pipeline" x=${130 + x(r.amountWon, r.currency)} y=${y} width=${x(r.weightedPipeline, r.currency)} height=${BAR}></rect>
        ${r.target ? svg`<rect class="target" x="130" y=${y} width=${x(r.target, r.currency)} height=${BAR}></rect>` : nothing}
        ${caption ? svg`<text class="figures" x=${CHART_WIDTH} y=${y + 13}>${caption(r)}</text>` : nothing}`;
    })}
  </svg>`;
}

/** The chart's colours, for the panes that show it. */
export const salesChartStyles = css`
  .won { fill: #2f6fb0; } .target { fill: none; stroke: #b3261e; stroke-width: 2; } .pipeline { fill: #b9d3ee; }
  text { font-size: 12px; fill: #13304f; }
`;

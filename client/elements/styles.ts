import { css } from 'lit';

/** The Notes look shared by the panes: grey-blue chrome, compact rows, a CJK-capable font. */
export const paneStyles = css`
  :host {
    box-sizing: border-box;
    font: 13px/1.4 system-ui, 'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif;
    color: #1d2733;
  }
  *, *::before, *::after { box-sizing: inherit; }
  button {
    font: inherit;
    border: 1px solid #8fa3bd;
    background: linear-gradient(#fdfdfe, #dfe6ef);
    border-radius: 3px;
    padding: 2px 10px;
    cursor: pointer;
    color: #13304f;
  }
  button:hover { background: linear-gradient(#ffffff, #cfdcec); }
  button:disabled { color: #8a96a3; cursor: default; background: #eef1f5; }
  button.primary { border-color: #2f5f95; font-weight: 600; }
  input, select, textarea {
    font: inherit;
    border: 1px solid #9fb0c4;
    border-radius: 2px;
    padding: 3px 5px;
    background: #fff;
  }
  input:focus, select:focus, textarea:focus { outline: 2px solid #7fa7d6; outline-offset: 0; }
  .muted { color: #6a7785; }
  .conflict-mark { color: #b3261e; font-weight: 600; }
`;

/** A document's workflow steps (a complaint's, an approval's): buttons, the step's dialog, the history as a timeline. */
export const stepStyles = css`
  :host { display: block; margin: 6px 0 10px; }
  .buttons { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
  .error { color: #b3261e; }
  form { border: 1px solid #8fa3bd; border-radius: 4px; padding: 8px 10px; margin: 6px 0; display: grid; gap: 6px; max-width: 560px; background: #fafbfd; }
  form h3 { margin: 0; font-size: 14px; color: #13304f; }
  label { display: grid; gap: 2px; color: #35506e; }
  .row { display: flex; gap: 6px; }
  ol[data-history] { list-style: none; margin: 8px 0 0; padding: 0 0 0 12px; border-left: 2px solid #b4c2d3; }
  ol[data-history] li { margin: 0 0 6px; position: relative; }
  ol[data-history] li::before { content: ''; position: absolute; left: -18px; top: 5px; width: 8px; height: 8px; border-radius: 50%; background: #2f5f95; }
  .when { color: #6a7785; margin-right: 6px; }
  .what { font-weight: 600; }
  .note { white-space: pre-wrap; color: #1d2733; }
  h4 { margin: 10px 0 2px; font-size: 13px; color: #35506e; }
`;

/** A page of figures from the server (sales, expenses): headed tables of numbers. */
export const figureStyles = css`
  :host { display: block; overflow: auto; padding: 10px 16px; background: #fff; }
  h3 { font-size: 14px; color: #13304f; margin: 14px 0 0; }
  table { border-collapse: collapse; margin: 6px 0 10px; }
  th, td { padding: 3px 10px 3px 0; text-align: right; }
  th:first-child, td:first-child { text-align: left; }
  th { color: #35506e; font-weight: normal; }
  .warning { color: #8a5a00; background: #fff8e1; padding: 3px 8px; display: inline-block; }
`;

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

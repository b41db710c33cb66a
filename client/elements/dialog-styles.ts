import { css } from 'lit';

/** A modal dialog over the workstation, as the print and import dialogs use it. */
export const dialogStyles = css`
  .backdrop { position: fixed; inset: 0; background: rgba(19, 48, 79, .35); display: flex; align-items: flex-start; justify-content: center; z-index: 10; overflow: auto; padding: 30px 10px; }
  section[role=dialog] { background: #fff; border: 1px solid #8fa3bd; border-radius: 4px; box-shadow: 0 8px 30px rgba(0, 0, 0, .25); width: min(920px, 100%); padding: 0 0 10px; }
  h2 { margin: 0 0 8px; padding: 8px 14px; font-size: 15px; background: linear-gradient(#2f5f95, #244b78); color: #fff; border-radius: 4px 4px 0 0; }
  fieldset { border: 1px solid #d5dde7; border-radius: 3px; margin: 6px 14px; padding: 6px 10px; }
  legend { color: #35506e; font-weight: 600; padding: 0 4px; }
  label { display: inline-flex; gap: 5px; align-items: center; margin: 2px 14px 2px 0; }
  .actions { display: flex; gap: 6px; padding: 6px 14px; align-items: center; flex-wrap: wrap; }
  .actions .end { margin-left: auto; }
  .error { color: #b3261e; padding: 4px 14px; }
  .hint { color: #6a7785; font-size: 12px; margin: 2px 0; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border: 1px solid #d5dde7; padding: 2px 5px; text-align: left; vertical-align: top; }
  th { background: #eef2f7; color: #35506e; }
  .scroll { overflow: auto; max-height: 260px; margin: 4px 14px; }
  progress { width: 260px; }
  iframe.preview { display: block; width: calc(100% - 28px); height: 60vh; margin: 4px 14px; border: 1px solid #b4c2d3; }
  .indented { margin: 4px 14px; }
`;

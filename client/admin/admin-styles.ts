import { css } from 'lit';

/** The administration pages: a list on the left, the chosen record's form on the right. */
export const adminStyles = css`
  :host { display: grid; grid-template-columns: minmax(260px, 2fr) 3fr; gap: 12px; padding: 8px 12px; min-height: 0; overflow: auto; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  th, td { border-bottom: 1px solid #d5dde7; padding: 3px 6px; text-align: left; vertical-align: top; }
  th { background: #eef2f7; color: #35506e; position: sticky; top: 0; }
  tbody tr { cursor: pointer; }
  tbody tr:hover { background: #eef4fb; }
  tbody tr.chosen { background: #c4d7ee; }
  .left { color: #8a96a3; }
  form, .panel { display: grid; gap: 6px; align-content: start; }
  label { display: grid; gap: 2px; color: #35506e; }
  label > select, label > input { max-width: 420px; }
  .row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; }
  .hint { color: #6a7785; font-size: 12px; }
  .error { color: #b3261e; background: #fdecea; padding: 4px 8px; border-radius: 3px; }
  .ok { color: #1e5e2a; background: #e6f4e8; padding: 4px 8px; border-radius: 3px; }
  .box { border: 1px solid #d5dde7; border-radius: 3px; padding: 8px; display: grid; gap: 6px; background: #fafbfd; }
  .members { max-height: 260px; overflow: auto; border: 1px solid #d5dde7; padding: 4px 8px; }
  .members label { display: flex; gap: 6px; align-items: center; color: inherit; }
  h3 { margin: 0; font-size: 14px; color: #13304f; }
`;

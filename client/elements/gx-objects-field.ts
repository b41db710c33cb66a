import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Doc, FieldDef } from '../../design/form.js';
import { choiceOptions, isSearchedList } from '../choice-options.js';
import { choiceByName } from '../../design/reference/choice-by-name.js';
import { localeContext } from '../contexts.js';
import { formatValue } from '../format-value.js';
import type { Locale } from '../i18n/locale.js';
import './gx-link-picker.js';
import './gx-names-picker.js';
import { paneStyles } from './styles.js';

/**
 * An `objects` field (order lines, payments, competitors…) as a table with a column per entry
 * field: read as text, or edited cell by cell with rows added and removed. Fires
 * `gx-objects-change` with the whole list as the document stores it.
 */
@customElement('gx-objects-field')
export class GxObjectsField extends LitElement {
  static override styles = [paneStyles, css`
    table { border-collapse: collapse; font-size: 13px; }
    th { text-align: left; font-weight: normal; color: #35506e; padding: 2px 6px 2px 0; }
    td { padding: 2px 6px 2px 0; vertical-align: top; }
    td input:not([type=checkbox]), td select { width: 100%; min-width: 6em; }
    button.remove { border: none; background: none; color: #b3261e; cursor: pointer; }
    .error { color: #b3261e; font-size: 12px; }
    .invalid { border-color: #b3261e; background: #fff6f5; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property() accessor name = '';
  @property({ attribute: false }) accessor def: FieldDef | undefined;
  @property({ attribute: false }) accessor value: unknown;
  @property({ type: Boolean }) accessor editing = false;
  /** Errors of cells, by `<field>.<row>.<column>`. */
  @property({ attribute: false }) accessor cellErrors: ReadonlyMap<string, string> = new Map();

  private get rows(): Doc[] {
    return Array.isArray(this.value) ? (this.value as Doc[]) : [];
  }

  override render() {
    const columns = Object.entries(this.def?.columns ?? {});
    const rows = this.rows;
    if (!this.editing && rows.length === 0) return html`<span class="muted">${this.locale.t.noRows}</span>`;
    return html`
      <table>
        <thead><tr>${columns.map(([, def]) => html`<th>${this.locale.label(def.label)}</th>`)}${this.editing ? html`<th></th>` : nothing}</tr></thead>
        <tbody>${rows.map((row, index) => html`<tr data-row=${index}>
          ${columns.map(([column, def]) => html`<td>${this.editing ? this.renderCell(index, column, def, row[column])
            : def.link ? html`<gx-link-picker name=${column} .def=${def} .doc=${row}></gx-link-picker>` : formatValue(row[column], def, this.locale)}</td>`)}
          ${this.editing ? html`<td><button class="remove" title=${this.locale.t.removeRow} aria-label=${this.locale.t.removeRow} @click=${() => this.change(rows.filter((_, i) => i !== index))}>✕</button></td>` : nothing}
        </tr>`)}</tbody>
      </table>
      ${this.editing ? html`<button class="add" @click=${() => this.change([...rows, {}])}>＋ ${this.locale.t.addRow}</button>` : nothing}`;
  }

  private renderCell(index: number, column: string, def: FieldDef, value: unknown) {
    const error = this.cellErrors.get(`${this.name}.${index}.${column}`);
    const label = `${this.locale.label(def.label)} ${index + 1}`;
    const text = value === undefined || value === null ? '' : String(value);
    const set = (next: unknown) => this.change(this.rows.map((row, i) => (i === index ? withValue(row, column, next) : row)));
    const onText = (e: Event) => set((e.target as HTMLInputElement).value || undefined);
    const cell = (() => {
      // A column that names a document elsewhere (an order line's product in the library): its picker fills the row.
      if (def.link) {
        return html`<gx-link-picker name=${column} .def=${def} .doc=${this.rows[index] ?? {}} editing @gx-field-input=${(e: CustomEvent<{ name: string; value: unknown }>) => {
          e.stopPropagation();
          this.change(this.rows.map((r, i) => (i === index ? withValue(r, e.detail.name, e.detail.value) : r)));
        }}></gx-link-picker>`;
      }
      if (def.directoryName) {
        return html`<gx-names-picker name=${column} .value=${text === '' ? [] : [text]} label=${label} .max=${1}
          @gx-names-change=${(e: CustomEvent<string[]>) => {
            e.stopPropagation();
            set(e.detail[0]);
          }}></gx-names-picker>`;
      }
      switch (def.type) {
        case 'choice':
          if (isSearchedList(def)) {
            // As in gx-field: a long list (an address's country) is searched by its names in the person's language.
            const shown = def.choices?.find((c) => c.value === text);
            const listId = `${this.name}-${index}-${column}-choices`;
            return html`<input type="text" name=${column} aria-label=${label} class=${error ? 'invalid' : ''} list=${listId} .value=${shown ? this.locale.label(shown.label) : text}
              @input=${(e: Event) => {
                const typed = (e.target as HTMLInputElement).value;
                set(typed === '' ? undefined : (def.choices && choiceByName(def.choices, typed)?.value) ?? typed);
              }}><datalist id=${listId}>${def.choices?.map((c) => html`<option value=${this.locale.label(c.label)}></option>`)}</datalist>`;
          }
          return html`<select name=${column} aria-label=${label} class=${error ? 'invalid' : ''} @change=${onText}>
            <option value="" ?selected=${text === ''}></option>
            ${choiceOptions(def.choices, text).map((c) => html`<option value=${c.value} ?selected=${c.value === text}>${this.locale.label(c.label)}</option>`)}
          </select>`;
        case 'boolean':
          return html`<input type="checkbox" name=${column} aria-label=${label} .checked=${value === true} @change=${(e: Event) => set((e.target as HTMLInputElement).checked)}>`;
        case 'number':
          return html`<input type="number" step="any" name=${column} aria-label=${label} class=${error ? 'invalid' : ''} .value=${text}
            @input=${(e: Event) => {
              const input = e.target as HTMLInputElement;
              set(input.value === '' ? undefined : Number.isFinite(input.valueAsNumber) ? input.valueAsNumber : input.value);
            }}>`;
        case 'date':
          return html`<input type="date" name=${column} aria-label=${label} class=${error ? 'invalid' : ''} .value=${text} @input=${onText}>`;
        default:
          return html`<input type="text" name=${column} aria-label=${label} class=${error ? 'invalid' : ''} maxlength=${def.maxLength ?? nothing} .value=${text} @input=${onText}>`;
      }
    })();
    return html`${cell}${error ? html`<div class="error" role="alert">${error}</div>` : nothing}`;
  }

  private change(rows: Doc[]): void {
    // A picker fills several cells in a row, one event each, before the document pane passes the list back.
    this.value = rows;
    this.dispatchEvent(new CustomEvent('gx-objects-change', { detail: rows.length === 0 ? undefined : rows }));
  }
}

function withValue(row: Doc, column: string, value: unknown): Doc {
  const next = { ...row };
  if (value === undefined) delete next[column];
  else next[column] = value;
  return next;
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-objects-field': GxObjectsField;
  }
}

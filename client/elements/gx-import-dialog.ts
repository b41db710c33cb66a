import { consume } from '@lit/context';
import { html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { ImportFileInfo, ImportPreview } from '../../server/exchange/import-file.js';
import type { DuplicatePolicy, ImportReport } from '../../server/exchange/import-report.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { callJson } from '../controllers/server-api.js';
import type { Workspace } from '../controllers/workspace.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { dialogStyles } from './dialog-styles.js';
import { paneStyles } from './styles.js';

/** Encodings a user may name when guessing goes wrong; the server guesses UTF-8 or GB18030 by itself. */
const ENCODINGS = ['utf-8', 'gb18030', 'big5', 'shift_jis', 'utf-16le'] as const;

type ImportRecord = ImportPreview['rows'][number];

/**
 * The import dialog: a CSV, Excel or vCard file; how its columns map onto customer and contact
 * fields (the server's guess, changed per column) with its first rows as they would be saved;
 * merge or skip for records already there; then the report of what was imported, merged and
 * rejected, and why. The new documents reach the views by replication.
 */
@customElement('gx-import-dialog')
export class GxImportDialog extends LitElement {
  static override styles = [paneStyles, dialogStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @state() private accessor file: File | null = null;
  @state() private accessor encoding = '';
  /** The worksheet of a workbook; the first when not chosen. */
  @state() private accessor sheet = '';
  /** The user's changes to the guessed mapping, by column number (`#1`): a target, or null for "not imported". */
  @state() private accessor mapping: Readonly<Record<string, string | null>> = {};
  @state() private accessor policy: DuplicatePolicy = 'merge';
  @state() private accessor preview: ImportPreview | null = null;
  @state() private accessor result: { file: ImportFileInfo; report: ImportReport } | null = null;
  /** What the dialog waits for from the server, if anything. */
  @state() private accessor busy: '' | 'reading' | 'importing' = '';
  @state() private accessor problem = '';

  override render() {
    const t = this.locale.t;
    return html`<div class="backdrop" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
      <section role="dialog" aria-modal="true" aria-labelledby="import-title">
        <h2 id="import-title">${t.importTitle}</h2>
        <fieldset>
          <legend>${t.importFile}</legend>
          <input type="file" name="file" accept=".csv,.txt,.tsv,.xlsx,.vcf" aria-label=${t.importFile} @change=${this.onFile}>
          <label>${t.encoding}
            <select name="encoding" @change=${(e: Event) => this.reread({ encoding: (e.target as HTMLSelectElement).value })}>
              <option value="" ?selected=${this.encoding === ''}>${t.encodingAuto}</option>
              ${ENCODINGS.map((encoding) => html`<option value=${encoding} ?selected=${this.encoding === encoding}>${encoding}</option>`)}
            </select>
          </label>
          ${this.preview?.file.sheets && this.preview.file.sheets.length > 1 ? html`<label>${t.worksheet}
            <select name="sheet" @change=${(e: Event) => this.reread({ sheet: (e.target as HTMLSelectElement).value })}>
              ${this.preview.file.sheets.map((sheet) => html`<option value=${sheet} ?selected=${this.preview?.file.sheet === sheet}>${sheet}</option>`)}
            </select>
          </label>` : nothing}
          ${this.preview ? html`<p class="hint" data-file-info>${t.fileRead(this.preview.file.format.toUpperCase(), this.preview.file.encoding ?? '')}</p>` : nothing}
        </fieldset>
        ${this.preview ? this.renderPreview(this.preview) : nothing}
        <div class="actions">
          ${this.preview && !this.result ? html`<button class="primary" data-action="import" ?disabled=${this.busy} @click=${this.runImport}>${t.runImport(this.preview.rowCount)}</button>` : nothing}
          ${this.busy ? html`<span role="status" class="muted">${this.busy === 'importing' ? t.importing : t.loading}</span>` : nothing}
          <button class="end" data-action="close" @click=${this.close}>${t.close}</button>
        </div>
        ${this.problem ? html`<div class="error" role="alert">${this.problem}</div>` : nothing}
        ${this.result ? this.renderReport(this.result.report) : nothing}
      </section>
    </div>`;
  }

  private renderPreview(preview: ImportPreview) {
    const t = this.locale.t;
    const mapped = preview.columns.filter((column) => column.target !== null);
    return html`
      ${preview.columns.length > 0 ? html`<fieldset>
        <legend>${t.importAs}</legend>
        <div class="scroll"><table data-mapping>
          <tr><th>${t.columnInFile}</th><th>${t.importAs}</th></tr>
          ${preview.columns.map((column) => html`<tr>
            <td>${column.header}</td>
            <td><select data-column=${column.column} aria-label=${`${t.importAs}: ${column.header}`} ?disabled=${this.busy || this.result !== null}
                @change=${(e: Event) => this.reread({ mapping: { ...this.mapping, [column.column]: (e.target as HTMLSelectElement).value || null } })}>
              <option value="" ?selected=${column.target === null}>${t.notImported}</option>
              ${preview.targets.map((target) => html`<option value=${target.key} ?selected=${column.target === target.key}>${this.locale.label(target.label)}</option>`)}
            </select></td>
          </tr>`)}
        </table></div>
      </fieldset>` : nothing}
      <fieldset>
        <legend>${t.previewRows(preview.rows.length, preview.rowCount)}</legend>
        <div class="scroll"><table data-preview-rows>
          <tr><th>${t.row}</th>${mapped.map((column) => html`<th>${column.label ? this.locale.label(column.label) : column.header}</th>`)}
            ${mapped.length === 0 ? html`<th>${t.customerPart}</th><th>${t.contactPart}</th>` : nothing}</tr>
          ${preview.rows.map((record) => html`<tr data-row=${record.row}><td>${record.row}</td>
            ${mapped.map((column) => html`<td>${cellText(record, column.target!)}</td>`)}
            ${mapped.length === 0 ? html`<td>${summary(record.customer)}</td><td>${summary(record.contact)}</td>` : nothing}</tr>`)}
        </table></div>
      </fieldset>
      <fieldset>
        <legend>${t.duplicates}</legend>
        ${(['merge', 'skip'] as const).map((policy) => html`<label><input type="radio" name="policy" value=${policy} .checked=${this.policy === policy}
          ?disabled=${this.result !== null} @change=${() => (this.policy = policy)}>${policy === 'merge' ? t.policyMerge : t.policySkip}</label>`)}
      </fieldset>`;
  }

  private renderReport(report: ImportReport) {
    const t = this.locale.t;
    return html`<fieldset data-report>
      <legend>${t.importTitle}</legend>
      <p role="status" data-report-counts>${t.importDone(report.imported, report.merged, report.skipped, report.rejected.length)}</p>
      ${report.rejected.length > 0 ? html`<p>${t.rejectedRows}</p><div class="scroll"><table data-rejected>
        <tr><th>${t.row}</th><th>${t.reason}</th></tr>
        ${report.rejected.map((rejected) => html`<tr><td>${rejected.row}</td><td>${rejected.reason}</td></tr>`)}
      </table></div>` : nothing}
      ${report.duplicates.length > 0 ? html`<p>${t.duplicateRows}</p><div class="scroll"><table data-duplicates>
        <tr><th>${t.row}</th><th></th></tr>
        ${report.duplicates.map((duplicate) => html`<tr><td>${duplicate.row}</td>
          <td>${duplicate.form === 'Customer' ? t.customerPart : t.contactPart} ${t.actionTaken[duplicate.action]} ${duplicate.name || duplicate.id} (${t.matchedBy[duplicate.matchedBy]})</td></tr>`)}
      </table></div>` : nothing}
    </fieldset>`;
  }

  private readonly onFile = (e: Event) => {
    const file = (e.target as HTMLInputElement).files?.[0] ?? null;
    this.file = file;
    this.sheet = '';
    this.mapping = {};
    this.result = null;
    this.preview = null;
    if (file) void this.read();
  };

  /** A new encoding, worksheet or column mapping: the preview is read again from the same file. */
  private reread(change: { encoding?: string; sheet?: string; mapping?: Record<string, string | null> }): void {
    if (change.encoding !== undefined) this.encoding = change.encoding;
    if (change.sheet !== undefined) {
      // Another worksheet has other columns: the changes made to this one's mapping do not apply.
      this.sheet = change.sheet;
      this.mapping = {};
    }
    if (change.mapping) this.mapping = change.mapping;
    if (this.file) void this.read();
  }

  private async read(): Promise<void> {
    const form = this.form();
    if (!form) return;
    this.preview = await this.call('reading', () => callJson<ImportPreview>('/api/import/preview', { method: 'POST', csrf: this.workspace!.csrf, form })) ?? this.preview;
  }

  private readonly runImport = async () => {
    const form = this.form();
    if (!form) return;
    form.append('policy', this.policy);
    this.result = await this.call('importing', () => callJson<{ file: ImportFileInfo; report: ImportReport }>('/api/import', { method: 'POST', csrf: this.workspace!.csrf, form }));
  };

  /** The file and the choices, as the server's import routes take them; null (and why) when offline. */
  private form(): FormData | null {
    if (!this.file) return null;
    if (!this.workspace?.csrf) {
      this.problem = this.locale.t.serverNeeded;
      return null;
    }
    const form = new FormData();
    if (this.encoding) form.append('encoding', this.encoding);
    if (this.sheet) form.append('sheet', this.sheet);
    if (Object.keys(this.mapping).length > 0) form.append('mapping', JSON.stringify(this.mapping));
    form.append('file', this.file, this.file.name);
    return form;
  }

  private async call<T>(busy: 'reading' | 'importing', work: () => Promise<T>): Promise<T | null> {
    this.busy = busy;
    this.problem = '';
    try {
      return await work();
    } catch (error) {
      this.problem = apiErrorText(error, this.locale);
      return null;
    } finally {
      this.busy = '';
    }
  }

  private readonly close = () => {
    this.dispatchEvent(new CustomEvent('gx-dialog-closed', { bubbles: true, composed: true }));
  };
}

/** A preview cell: the value a column gives its target (`customer.name`, `contact.emails`). */
function cellText(record: ImportRecord, target: string): string {
  const [part, field] = target.split('.') as ['customer' | 'contact', string];
  return valueText(record[part]?.[field]);
}

/** A record without columns (a vCard): its fields, one after another. */
function summary(fields: Record<string, unknown> | null): string {
  if (!fields) return '';
  return Object.values(fields).map(valueText).filter((text) => text !== '').join(' · ');
}

function valueText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return Array.isArray(value) ? value.map(String).join(', ') : String(value);
}

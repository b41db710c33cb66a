import { consume } from '@lit/context';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, query, state } from 'lit/decorators.js';
import type { Label, Lang } from '../../design/label.js';
import type { CustomLabelFormat, LabelSheetFormat } from '../../server/print/label-formats.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { PrintJobController } from '../controllers/print-job.js';
import { callApi, callJson, downloadFile } from '../controllers/server-api.js';
import type { Workspace } from '../controllers/workspace.js';
import { apiErrorText } from '../i18n/api-error-text.js';
import type { Locale } from '../i18n/locale.js';
import { dialogStyles } from './dialog-styles.js';
import { paneStyles } from './styles.js';

/** What the user asked to print from: a view, the documents ticked in it, and the group (category path) of the current row. */
export interface PrintTarget {
  readonly db: string;
  readonly viewId: string;
  readonly viewName: Label;
  readonly docIds: readonly string[];
  readonly group: readonly string[] | null;
}

type Scope = 'selected' | 'view' | 'group';
type Output = 'labels' | 'address' | 'phone';
type CustomField = keyof CustomLabelFormat;

/** What the user chose; any change makes the last preview stale. */
interface PrintSettings {
  readonly scope: Scope;
  readonly output: Output;
  readonly formatId: string;
  readonly custom: Readonly<Record<CustomField, number>>;
  readonly start: number;
  readonly outline: boolean;
  readonly fileType: 'pdf' | 'csv';
  /** The list's language; the interface's when not chosen. */
  readonly listLang?: Lang;
}

const CUSTOM_FIELDS: readonly CustomField[] = ['pageWidth', 'pageHeight', 'marginTop', 'marginBottom', 'marginLeft', 'marginRight', 'columns', 'rows', 'gapX', 'gapY'];
/** A sheet of 3×8 labels on A4 with 10 mm margins: a starting point to measure one's own sheet against. */
const CUSTOM_START: Record<CustomField, number> = { pageWidth: 210, pageHeight: 297, marginTop: 10, marginBottom: 10, marginLeft: 8, marginRight: 8, columns: 3, rows: 8, gapX: 2, gapY: 0 };
const CSV_PREVIEW_LINES = 12;

/**
 * The print dialog: what (the ticked documents, the whole view, or the current group), as what
 * (labels on any sheet, address list, phone list; PDF or CSV), then a preview of the file the
 * server renders as a job (with its progress, and a Cancel), to download or print.
 */
@customElement('gx-print-dialog')
export class GxPrintDialog extends LitElement {
  static override styles = [paneStyles, dialogStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @consume({ context: workspaceContext, subscribe: true }) accessor workspace: Workspace | undefined;
  @property({ attribute: false }) accessor target!: PrintTarget;
  @state() private accessor settings: PrintSettings = { scope: 'view', output: 'labels', formatId: 'L7160', custom: CUSTOM_START, start: 1, outline: false, fileType: 'pdf' };
  @state() private accessor formats: readonly LabelSheetFormat[] = [];
  @state() private accessor problem = '';
  @state() private accessor csvLines: string[] | null = null;
  @query('iframe') private accessor frame!: HTMLIFrameElement | null;
  private readonly job = new PrintJobController(this);

  override connectedCallback(): void {
    super.connectedCallback();
    callJson<{ formats: LabelSheetFormat[] }>('/api/print/label-formats').then(
      ({ formats }) => (this.formats = formats),
      (error: unknown) => (this.problem = apiErrorText(error, this.locale)),
    );
  }

  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('target')) this.settings = { ...this.settings, scope: this.target.docIds.length > 0 ? 'selected' : 'view' };
  }

  override updated(): void {
    const url = this.job.fileUrl;
    if (url && this.job.status?.filename?.endsWith('.csv') && this.csvLines === null) {
      this.csvLines = [];
      callApi(url).then((response) => response.text()).then(
        (text) => (this.csvLines = text.replace(/^\ufeff/, '').split(/\r?\n/).slice(0, CSV_PREVIEW_LINES)),
        (error: unknown) => (this.problem = apiErrorText(error, this.locale)),
      );
    }
  }

  override render() {
    const t = this.locale.t;
    const { target, settings } = this;
    return html`<div class="backdrop" @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && this.close()}>
      <section role="dialog" aria-modal="true" aria-labelledby="print-title">
        <h2 id="print-title">${t.printTitle} · ${this.locale.label(target.viewName)}</h2>
        <fieldset>
          <legend>${t.printWhat}</legend>
          ${this.radio('scope', 'selected', t.printSelected(target.docIds.length), target.docIds.length === 0)}
          ${this.radio('scope', 'view', t.printView(this.locale.label(target.viewName)))}
          ${target.group ? this.radio('scope', 'group', t.printGroup(target.group.join(' \\ '))) : nothing}
          ${target.docIds.length === 0 ? html`<p class="hint">${t.printSelectHint}</p>` : nothing}
        </fieldset>
        <fieldset>
          <legend>${t.printAs}</legend>
          <select name="output" aria-label=${t.printAs} @change=${(e: Event) => this.change({ output: (e.target as HTMLSelectElement).value as Output })}>
            ${([['labels', t.outputLabels], ['address', t.outputAddressList], ['phone', t.outputPhoneList]] as const).map(([value, text]) =>
              html`<option value=${value} ?selected=${settings.output === value}>${text}</option>`)}
          </select>
          ${settings.output === 'labels' ? this.renderLabelOptions(settings) : this.renderListOptions(settings)}
        </fieldset>
        <div class="actions">
          <button class="primary" data-action="preview" ?disabled=${this.job.running} @click=${this.preview}>${t.preview}</button>
          ${this.renderJob()}
          <button class="end" data-action="close" @click=${this.close}>${t.close}</button>
        </div>
        ${this.problem || this.job.error ? html`<div class="error" role="alert">${this.problem || apiErrorText(this.job.error, this.locale)}</div>` : nothing}
        ${this.renderResult()}
      </section>
    </div>`;
  }

  private renderLabelOptions({ formatId, start, outline, custom }: PrintSettings) {
    const t = this.locale.t;
    const cells = this.cells;
    return html`
      <label>${t.labelSheet}
        <select name="format" @change=${(e: Event) => this.change({ formatId: (e.target as HTMLSelectElement).value })}>
          ${this.formats.map((format) => html`<option value=${format.id} ?selected=${formatId === format.id}>${this.locale.label(format.name)}</option>`)}
          <option value="custom" ?selected=${formatId === 'custom'}>${t.customSheet}</option>
        </select>
      </label>
      <label>${t.startPosition(cells)}
        <input name="start" type="number" min="1" max=${cells} step="1" .value=${String(start)}
          @change=${(e: Event) => this.change({ start: Number((e.target as HTMLInputElement).value) })}>
      </label>
      <label><input name="outline" type="checkbox" .checked=${outline} @change=${(e: Event) => this.change({ outline: (e.target as HTMLInputElement).checked })}>${t.outline}</label>
      ${formatId === 'custom' ? html`<div>${CUSTOM_FIELDS.map((field) => html`
        <label>${t.customFields[field]}
          <input name=${field} type="number" min="0" step=${field === 'columns' || field === 'rows' ? '1' : '0.1'} size="5" .value=${String(custom[field])}
            @change=${(e: Event) => this.change({ custom: { ...custom, [field]: Number((e.target as HTMLInputElement).value) } })}>
        </label>`)}</div>` : nothing}`;
  }

  private renderListOptions({ fileType, listLang }: PrintSettings) {
    const t = this.locale.t;
    const lang = listLang ?? this.locale.lang;
    return html`
      <label>${t.fileType}
        <select name="fileType" @change=${(e: Event) => this.change({ fileType: (e.target as HTMLSelectElement).value as 'pdf' | 'csv' })}>
          <option value="pdf" ?selected=${fileType === 'pdf'}>PDF</option>
          <option value="csv" ?selected=${fileType === 'csv'}>CSV (Excel)</option>
        </select>
      </label>
      <label>${t.listLanguage}
        <select name="lang" @change=${(e: Event) => this.change({ listLang: (e.target as HTMLSelectElement).value as Lang })}>
          <option value="zh" ?selected=${lang === 'zh'}>中文</option>
          <option value="en" ?selected=${lang === 'en'}>English</option>
        </select>
      </label>`;
  }

  private renderJob() {
    const t = this.locale.t;
    const status = this.job.status;
    if (!status) return nothing;
    if (status.state === 'cancelled') return html`<span class="muted">${t.printCancelled}</span>`;
    if (status.state !== 'running') return nothing;
    return html`
      ${status.total
        ? html`<progress data-job-progress max=${status.total} .value=${status.done} data-done=${status.done} data-total=${status.total}></progress>`
        : html`<progress data-job-progress></progress>`}
      <span role="status">${status.total ? t.progress(this.locale.number(status.done), this.locale.number(status.total)) : t.reading(status.done ? this.locale.number(status.done) : '')}</span>
      <button data-action="cancel" @click=${() => void this.job.cancel()}>${t.cancel}</button>`;
  }

  private renderResult() {
    const t = this.locale.t;
    const url = this.job.fileUrl;
    const status = this.job.status;
    if (!url || !status) return nothing;
    const pdf = status.filename?.endsWith('.pdf') === true;
    return html`
      <div class="actions">
        <button class="primary" data-action="download" @click=${() => void this.download(url, status.filename ?? 'guanxi')}>${t.download}</button>
        ${pdf ? html`<button data-action="print" @click=${() => this.frame?.contentWindow?.print()}>${t.printNow}</button>` : nothing}
        <span class="muted">${status.filename} · ${this.locale.number(Math.ceil((status.size ?? 0) / 1024))} KB</span>
      </div>
      ${pdf
        ? html`<iframe class="preview" title=${t.preview} src=${url}></iframe>`
        : html`<p class="hint indented">${t.csvPreview}</p><pre class="scroll" data-csv-preview>${(this.csvLines ?? []).join('\n')}</pre>`}`;
  }

  private radio(name: 'scope', value: Scope, text: string, disabled = false) {
    return html`<label><input type="radio" name=${name} value=${value} ?disabled=${disabled} .checked=${this.settings.scope === value}
      @change=${() => this.change({ scope: value })}>${text}</label>`;
  }

  /** Labels on one sheet of the chosen format. */
  private get cells(): number {
    const { formatId, custom } = this.settings;
    const format = formatId === 'custom' ? custom : this.formats.find((f) => f.id === formatId);
    return format ? Math.max(1, format.columns * format.rows) : 1;
  }

  private change(patch: Partial<PrintSettings>): void {
    this.settings = { ...this.settings, ...patch };
    // A smaller sheet has fewer places to start at.
    if (this.settings.start > this.cells) this.settings = { ...this.settings, start: this.cells };
    void this.job.reset();
    this.csvLines = null;
    this.problem = '';
  }

  private readonly preview = () => {
    const csrf = this.workspace?.csrf;
    if (!csrf) {
      this.problem = this.locale.t.serverNeeded;
      return;
    }
    this.problem = '';
    this.csvLines = null;
    void this.job.start(csrf, this.request());
  };

  private request(): Record<string, unknown> {
    const { db, viewId, docIds, group } = this.target;
    const { scope, output, formatId, custom, start, outline, fileType, listLang } = this.settings;
    const selection = scope === 'selected' ? { db, docIds } : { view: { db, viewId, ...(scope === 'group' && group ? { category: group } : {}) } };
    if (output === 'labels') return { job: 'labels', format: formatId === 'custom' ? custom : formatId, start, outline, ...selection };
    return { job: 'list', kind: output, lang: listLang ?? this.locale.lang, format: fileType, ...selection };
  }

  private async download(url: string, filename: string): Promise<void> {
    try {
      await downloadFile(url, filename);
    } catch (error) {
      this.problem = apiErrorText(error, this.locale);
    }
  }

  private readonly close = () => {
    void this.job.cancel();
    this.dispatchEvent(new CustomEvent('gx-dialog-closed', { bubbles: true, composed: true }));
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-print-dialog': GxPrintDialog;
  }
}

import { consume } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { ATTACHMENTS_FIELD, attachmentErrors, formatBytes } from '../../design/attachment-rules.js';
import type { Doc, FormDef } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import { fileContent, filesOf, withFileRemoved, withFilesAdded, type DocumentFile } from '../controllers/document-files.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveFile } from '../controllers/server-api.js';
import { WatchController } from '../controllers/watch-controller.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * A document's files (附件): listed with name, size and type, downloaded from the local replica
 * (offline too); in edit mode added and removed. Changes go up as `gx-field-input` of
 * `_attachments`, like a field's, so the document pane saves them with the rest in one put.
 */
@customElement('gx-document-files')
export class GxDocumentFiles extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 14px 0 4px; }
    h3 { font-size: 13px; margin: 0 0 4px; color: #13304f; }
    table { border-collapse: collapse; width: 100%; }
    th, td { text-align: left; padding: 3px 8px 3px 0; border-bottom: 1px solid #e3e8ef; vertical-align: middle; }
    th { font-weight: 600; color: #5b6b7c; font-size: 12px; }
    td.name { word-break: break-all; }
    td.size { white-space: nowrap; }
    .errors { color: #b3261e; margin: 4px 0; }
    label.add { display: inline-block; margin-top: 6px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  /** The stored revision the edit began from: what the rules compare the files with. */
  @property({ attribute: false }) accessor stored: Doc | null = null;
  @property({ attribute: false }) accessor form: FormDef | undefined;
  @property({ type: Boolean }) accessor editing = false;
  @state() private accessor problem = '';
  /** A contact's photo from their phone's address book (photo.jpg…), shown above the files. */
  @state() private accessor photo: { name: string; url: string } | null = null;
  /** The files this workstation keeps of those left on the server: a row changes as one comes or goes. */
  private readonly kept = new WatchController<ReadonlyMap<string, number>>(this);

  override willUpdate(): void {
    this.kept.follow(this.db?.keptFiles.held);
  }

  override updated(changed: Map<string, unknown>): void {
    if (changed.has('doc')) void this.showPhoto();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    if (this.photo) URL.revokeObjectURL(this.photo.url);
    this.photo = null;
  }

  private photoRun = 0;

  private async showPhoto(): Promise<void> {
    const run = ++this.photoRun;
    const { doc, db } = this;
    const name = doc ? filesOf(doc).find((file) => /^photo\.[a-z]+$/.test(file.name) && file.type.startsWith('image/'))?.name : undefined;
    const blob = name && doc && db ? await fileContent(db, doc, name).catch(() => null) : null;
    // A later document came meanwhile: its own run shows its photo.
    if (run !== this.photoRun) return;
    if (this.photo) URL.revokeObjectURL(this.photo.url);
    this.photo = name && blob ? { name, url: URL.createObjectURL(blob) } : null;
  }

  override render() {
    const { doc, form } = this;
    if (!doc || !form?.attachments) return nothing;
    const t = this.locale.t;
    const files = filesOf(doc);
    // The same rules as the save's, shown at once: a file too large is marked before saving, and nothing else is lost.
    const errors = this.editing && this.db ? attachmentErrors(doc, this.stored, form, this.db.user) : [];
    const mayChange = this.editing && (form.attachments.userMay?.(doc) ?? true);
    return html`
      <section data-files>
        <h3>${this.locale.label(form.attachments.label)}</h3>
        ${this.photo ? html`<img data-photo src=${this.photo.url} alt=${this.photo.name} style="max-width: 96px; max-height: 96px; border-radius: 4px;">` : nothing}
        ${files.length === 0 ? html`<div class="muted" data-no-files>${t.noFiles}</div>` : html`
          <table>
            <thead><tr><th>${t.fileName}</th><th>${t.fileSize}</th><th>${t.fileType}</th><th></th></tr></thead>
            <tbody>${files.map((file) => html`
              <tr data-file=${file.name}>
                <td class="name">${file.name}${file.onServer ? this.whereKept(file) : nothing}</td>
                <td class="size">${file.size === null ? '' : formatBytes(file.size)}</td>
                <td class="muted">${file.type}</td>
                <td>
                  <button data-action="download" @click=${() => void this.download(file.name)}>${t.downloadFile}</button>
                  ${mayChange && !file.onServer ? html`<button data-action="remove" @click=${() => this.change(withFileRemoved(doc, file.name))}>${t.removeFile}</button>` : nothing}
                  ${file.onServer && !this.editing ? this.pinButton(file) : nothing}
                </td>
              </tr>`)}
            </tbody>
          </table>`}
        ${errors.length > 0 ? html`<div class="errors" role="alert" data-field=${ATTACHMENTS_FIELD}>${errors.map((e) => this.locale.label(e.message)).join(' ')}</div>` : nothing}
        ${this.problem ? html`<div class="errors" role="alert">${this.problem}</div>` : nothing}
        ${mayChange ? html`<label class="add">${t.addFiles} <input type="file" multiple data-add-files @change=${this.onPick}></label>
          <span class="muted">${t.fileLimits(formatBytes(form.attachments.maxBytes), formatBytes(form.attachments.maxTotalBytes))}</span>` : nothing}
      </section>`;
  }

  /** A file left on the server by the settings: there only, or kept on this workstation too. */
  private whereKept(file: DocumentFile) {
    const t = this.locale.t;
    return this.db?.keptFiles.has(file.digest)
      ? html` <span class="muted" data-kept-here>(${t.fileKeptHere})</span>`
      : html` <span class="muted" data-on-server>(${t.fileOnServer})</span>`;
  }

  /** Pins such a file for offline use, or lets a pinned one go; only of a document the replica holds. */
  private pinButton(file: DocumentFile) {
    const { db, doc, stored } = this;
    const t = this.locale.t;
    if (!db || !doc?._id || !file.digest || (stored && db.isFromServer(stored))) return nothing;
    if (db.keptFiles.isPinned(doc._id, file.name)) return html`<button data-action="unpin-file" @click=${() => void this.pin(file, false)}>${t.unpinFile}</button>`;
    if (db.keptFiles.has(file.digest) || !db.serverOpen) return nothing;
    return html`<button data-action="pin-file" @click=${() => void this.pin(file, true)}>${t.pinOffline}</button>`;
  }

  private async pin(file: DocumentFile, pinned: boolean): Promise<void> {
    const { db, doc } = this;
    if (!db || !doc?._id) return;
    this.problem = '';
    await db.pinFile(doc._id, file.name, pinned);
    if (pinned && !db.keptFiles.has(file.digest)) {
      // Not brought (the server could not be reached): not left pinned behind the person's back.
      db.keptFiles.unpin(doc._id, file.name);
      this.problem = this.locale.t.pinFailed;
    }
    this.requestUpdate();
  }

  private readonly onPick = (e: Event) => {
    const input = e.target as HTMLInputElement;
    const picked = [...(input.files ?? [])];
    input.value = '';
    if (picked.length > 0 && this.doc) this.change(withFilesAdded(this.doc, picked));
  };

  private change(value: unknown): void {
    this.problem = '';
    this.dispatchEvent(new CustomEvent('gx-field-input', { detail: { name: ATTACHMENTS_FIELD, value }, bubbles: true, composed: true }));
  }

  /** Hands the file to the browser as a download from the replica: no request leaves the machine, nothing is rendered. */
  private async download(name: string): Promise<void> {
    if (!this.db || !this.doc) return;
    const blob = await fileContent(this.db, this.doc, name).catch(() => null);
    if (!blob) {
      this.problem = this.locale.t.fileUnavailable(name);
      return;
    }
    saveFile(blob, name);
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-document-files': GxDocumentFiles;
  }
}

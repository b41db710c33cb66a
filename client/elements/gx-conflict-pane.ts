import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { sameJson } from '../controllers/json-equal.js';
import { formByName } from '../../design/forms/index.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { loadVersions, resolveConflict, type Version } from '../controllers/resolve-conflict.js';
import { formatValue } from '../format-value.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/**
 * A replication or save conflict side by side: each version's fields in a column, the fields
 * that differ marked. "Keep this one" keeps a version whole; picking per field and saving merges.
 */
@customElement('gx-conflict-pane')
export class GxConflictPane extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; overflow: auto; background: #fff; padding: 10px 16px; }
    h2 { font-size: 16px; margin: 4px 0 8px; color: #13304f; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 1px solid #c9d3df; padding: 4px 8px; text-align: left; vertical-align: top; word-break: break-word; }
    thead th { background: #e8eef5; }
    th.field { width: 10em; color: #35506e; font-weight: normal; background: #f5f7fa; }
    tr.differs td { background: #fff8e1; }
    .actions { display: flex; gap: 8px; margin-top: 10px; align-items: center; }
    label { display: flex; gap: 4px; align-items: flex-start; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property() accessor docId: string | null = null;
  /** Field → the revision whose value the merge keeps. */
  @state() private accessor picks: Record<string, string> = {};
  @state() private accessor error = '';

  private readonly versions = new Task(this, {
    task: async ([db, id]) => (db && id ? loadVersions(db, id) : []),
    args: () => [this.db, this.docId] as const,
  });

  override render() {
    return this.versions.render({
      pending: () => html`<div class="muted">${this.locale.t.loading}</div>`,
      complete: (versions) => this.renderVersions(versions),
      error: (error) => html`<div class="conflict-mark">${String(error)}</div>`,
    });
  }

  private renderVersions(versions: readonly Version[]) {
    const t = this.locale.t;
    const winner = versions[0];
    if (!winner) return nothing;
    const form = typeof winner.doc.form === 'string' ? formByName(winner.doc.form) : undefined;
    const fields = form ? Object.keys(form.fields).filter((f) => versions.some((v) => v.doc[f] !== undefined)) : [];
    const differs = (field: string) => versions.some((v) => !sameJson(v.doc[field], winner.doc[field]));
    return html`
      <h2>${t.versionsTitle}</h2>
      <p class="muted">${t.mergeHint}</p>
      <table>
        <thead><tr><th></th>${versions.map((v) => html`<th data-rev=${v.rev}>${v.winner ? t.winner : t.otherVersion}
          <div class="muted">${t.changedBy(String(v.doc.modifiedBy ?? ''), this.locale.dateTime(String(v.doc.modified ?? '')))}</div>
          <button data-keep=${v.rev} @click=${() => this.resolve(versions, v, {})}>${t.keepThis}</button></th>`)}</tr></thead>
        <tbody>${fields.map((field) => {
          const def = form!.fields[field];
          const differing = differs(field);
          return html`<tr class=${differing ? 'differs' : ''}><th class="field">${def ? this.locale.label(def.label) : field}</th>
            ${versions.map((v) => html`<td>${differing
              ? html`<label><input type="radio" name=${field} .checked=${(this.picks[field] ?? winner.rev) === v.rev}
                  @change=${() => (this.picks = { ...this.picks, [field]: v.rev })}><span>${formatValue(v.doc[field], def, this.locale, v.doc, field)}</span></label>`
              : formatValue(v.doc[field], def, this.locale, v.doc, field)}</td>`)}</tr>`;
        })}</tbody>
      </table>
      <div class="actions">
        <button class="primary" data-merge @click=${() => this.resolve(versions, winner, this.picks)}>${t.mergeChosen}</button>
        <button @click=${() => this.dispatchEvent(new CustomEvent('gx-conflict-closed', { bubbles: true, composed: true }))}>${t.cancel}</button>
        ${this.error ? html`<span class="conflict-mark">${this.error}</span>` : nothing}
      </div>`;
  }

  private async resolve(versions: readonly Version[], base: Version, picks: Record<string, string>): Promise<void> {
    if (!this.db) return;
    const outcome = await resolveConflict(this.db, versions, base, picks);
    if (!outcome.ok) {
      this.error = outcome.errors.map((e) => this.locale.label(e.message)).join(' ');
      return;
    }
    this.picks = {};
    this.dispatchEvent(new CustomEvent('gx-conflict-closed', { bubbles: true, composed: true }));
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-conflict-pane': GxConflictPane;
  }
}

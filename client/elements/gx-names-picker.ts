import { consume } from '@lit/context';
import { css, html, LitElement, nothing, type PropertyValues } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import { localeContext } from '../contexts.js';
import { DirectoryMatcher, type DirectoryEntry } from '../controllers/directory-matches.js';
import { loadDirectoryPicks } from '../controllers/directory-picks.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

const LIMIT = 20;

/** Separators people type between names, Chinese punctuation included. */
const SEPARATOR = /[,，;；、\n]/;

function parse(text: string): string[] {
  return text.split(SEPARATOR).map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * Chooses people, groups and departments (any `names` value: recipients, delegates, owners) from
 * the directory — the server's online, the one last read on this computer offline. Chosen names
 * show as chips; typing searches by name, pinyin, initials, department or title (pinyin order
 * within a rank); ↑ ↓ Enter choose, Backspace on an empty box removes the last name. Whatever
 * is typed counts too (separated by commas), so a name the directory does not know is kept as
 * typed and validated on saving. Fires `gx-names-change` with the whole list.
 */
@customElement('gx-names-picker')
export class GxNamesPicker extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; position: relative; max-width: 36em; }
    .chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 3px; }
    .chip { display: inline-flex; align-items: center; gap: 2px; background: #e3ecf7; border: 1px solid #b4c2d3; border-radius: 10px; padding: 0 2px 0 8px; }
    .chip button { border: none; background: none; padding: 0 4px; cursor: pointer; color: #5b6b7c; }
    input { width: 100%; }
    ul { list-style: none; margin: 0; padding: 0; border: 1px solid #b4c2d3; background: #fff; max-height: 16em; overflow: auto; position: absolute; left: 0; right: 0; z-index: 5; }
    li { padding: 3px 8px; cursor: pointer; display: flex; justify-content: space-between; gap: 8px; }
    li[aria-selected=true], li:hover { background: #dbe7f5; }
    .detail { color: #5b6b7c; font-size: 12px; }
    .message { font-size: 12px; margin-top: 2px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor value: readonly string[] = [];
  /** What is being chosen, for the box's label and placeholder ("收件人"). */
  @property() accessor label = '';
  /** The most names the field holds (a sender: one); a name chosen beyond it replaces the earliest. */
  @property({ type: Number }) accessor max: number | undefined;
  @state() private accessor chosen: readonly string[] = [];
  @state() private accessor typed = '';
  @state() private accessor open = false;
  @state() private accessor active = 0;
  /** Undefined while the directory is read; null when it could not be, online or remembered. */
  @state() private accessor directory: DirectoryMatcher | null | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    this.directory = undefined;
    loadDirectoryPicks().then((picks) => (this.directory = new DirectoryMatcher(picks)), () => (this.directory = null));
  }

  /** A value set from outside (the document read, a draft restored) replaces what is shown; our own echo does not. */
  override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('value') && !sameList(this.value, this.current())) {
      this.chosen = [...this.value];
      this.typed = '';
    }
  }

  override render() {
    const t = this.locale.t;
    const options = this.options();
    const query = this.lastTyped();
    return html`
      ${this.chosen.length > 0 ? html`<div class="chips">${this.chosen.map((name) => html`<span class="chip" data-name=${name}>${name}<button
        aria-label=${t.namesRemove(name)} @click=${() => this.removeName(name)}>×</button></span>`)}</div>` : nothing}
      <input role="combobox" aria-label=${this.label} aria-autocomplete="list" aria-controls="options" aria-expanded=${options.length > 0 ? 'true' : 'false'}
        aria-activedescendant=${options.length > 0 ? `option-${this.active}` : nothing} placeholder=${t.namesSearch(this.label)}
        .value=${this.typed} @input=${this.onInput} @keydown=${(e: KeyboardEvent) => this.onKey(e, options)}
        @focus=${() => (this.open = true)} @blur=${this.onBlur}>
      ${options.length > 0 ? html`<ul id="options" role="listbox">${options.map((entry, i) => html`
        <li id=${`option-${i}`} role="option" data-name=${entry.name} data-kind=${entry.kind} aria-selected=${i === this.active ? 'true' : 'false'}
          @mousedown=${(e: Event) => e.preventDefault()} @click=${() => this.choose(entry.name)}>
          <span>${entry.name}</span><span class="detail">${this.detail(entry)}</span></li>`)}</ul>` : nothing}
      ${this.directory === null ? html`<div class="message muted">${t.namesNoDirectory}</div>`
        : this.directory && query !== '' && options.length === 0 ? html`<div class="message muted">${t.namesNoMatch(query)}</div>` : nothing}`;
  }

  private detail(entry: DirectoryEntry): string {
    if (entry.kind === 'group') return this.locale.t.namesMembers(entry.members ?? 0);
    return [entry.department, entry.title].filter(Boolean).join(' · ');
  }

  /** The directory's matches for the name being typed (the text after the last separator). */
  private options(): DirectoryEntry[] {
    if (!this.open || !this.directory) return [];
    return this.directory.matches(this.lastTyped(), new Set(this.current()), LIMIT);
  }

  private lastTyped(): string {
    return this.typed.slice(this.typed.search(/[^,，;；、\n]*$/)).trim();
  }

  private current(): string[] {
    return [...new Set([...this.chosen, ...parse(this.typed)])];
  }

  private readonly onInput = (e: Event) => {
    this.typed = (e.target as HTMLInputElement).value;
    this.active = 0;
    this.open = true;
    this.emit();
  };

  private readonly onBlur = () => {
    this.open = false;
    // Names typed whole become chips once the box is left.
    if (parse(this.typed).length > 0) this.commitTyped();
  };

  private onKey(e: KeyboardEvent, options: readonly DirectoryEntry[]): void {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      this.open = true;
      if (options.length > 0) this.active = (this.active + (e.key === 'ArrowDown' ? 1 : options.length - 1)) % options.length;
    } else if (e.key === 'Enter') {
      e.preventDefault();
      const entry = options[this.active];
      if (entry && this.lastTyped() !== '') this.choose(entry.name);
      else this.commitTyped();
    } else if (e.key === 'Escape' && this.open) {
      e.preventDefault();
      this.open = false;
    } else if (e.key === 'Backspace' && this.typed === '' && this.chosen.length > 0) {
      e.preventDefault();
      this.removeName(this.chosen[this.chosen.length - 1]!);
    }
  }

  /** The name being typed is replaced by the one chosen; names typed before it become chips too. */
  private choose(name: string): void {
    const before = parse(this.typed.slice(0, this.typed.search(/[^,，;；、\n]*$/)));
    const chosen = [...new Set([...this.chosen, ...before, name])];
    this.chosen = this.max && chosen.length > this.max ? chosen.slice(-this.max) : chosen;
    this.typed = '';
    this.active = 0;
    this.emit();
  }

  private commitTyped(): void {
    this.chosen = this.current();
    this.typed = '';
    this.emit();
  }

  private removeName(name: string): void {
    this.chosen = this.chosen.filter((n) => n !== name);
    this.emit();
  }

  private emit(): void {
    this.dispatchEvent(new CustomEvent('gx-names-change', { detail: this.current(), bubbles: true, composed: true }));
  }
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((name, i) => name === b[i]);
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-names-picker': GxNamesPicker;
  }
}

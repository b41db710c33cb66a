import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, property, state } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { allowRemoteImages, hasRemoteImages, mailFrameDocument, remoteImagesAllowed } from '../controllers/mail-frame.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/** A received message's HTML version, in a frame that runs no script and shows remote images only when allowed for the sender. */
@customElement('gx-mail-html')
export class GxMailHtml extends LitElement {
  static override styles = [paneStyles, css`
    :host { display: block; margin: 6px 0 10px; }
    iframe { width: 100%; height: 60vh; min-height: 200px; border: 1px solid #c9d5e3; border-radius: 3px; resize: vertical; background: #fff; }
    .blocked { display: flex; gap: 8px; align-items: center; background: #fff8e1; border: 1px solid #e8cf7a; padding: 4px 8px; margin-bottom: 4px; border-radius: 3px; }
  `];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  /** Bumped when the reader allows a sender, so the frame is made again. */
  @state() private accessor allowedCount = 0;

  /** The message's inline images as data URLs, by Content-ID; those not on this workstation stay out. */
  private readonly inline = new Task(this, {
    task: async ([db, doc]) => {
      const images = new Map<string, string>();
      if (!db || !doc?._id || !Array.isArray(doc.inlineImages)) return images;
      for (const entry of doc.inlineImages as { cid?: unknown; name?: unknown }[]) {
        if (typeof entry.cid !== 'string' || typeof entry.name !== 'string') continue;
        try {
          const blob = (await db.pouch.getAttachment(doc._id, entry.name)) as Blob;
          images.set(entry.cid, await dataUrlOf(blob));
        } catch {
          // Not replicated to this workstation (files over its size limit): the image stays out.
        }
      }
      return images;
    },
    args: () => [this.db, this.doc] as const,
  });

  override render() {
    const doc = this.doc;
    if (typeof doc?.html !== 'string' || doc.html === '') return nothing;
    const t = this.locale.t;
    const sender = typeof doc.from === 'string' ? doc.from : '';
    const remote = sender !== '' && this.allowedCount >= 0 && remoteImagesAllowed(sender);
    const blocked = !remote && hasRemoteImages(doc.html);
    const srcdoc = mailFrameDocument(doc.html, { remoteImages: remote, inline: this.inline.value ?? new Map() });
    return html`
      ${blocked ? html`<div class="blocked" data-remote-images="blocked">${t.remoteImagesBlocked}
        ${sender ? html`<button data-allow-images @click=${() => this.allow(sender)}>${t.allowImagesFrom(sender)}</button>` : nothing}</div>` : nothing}
      <iframe title=${t.htmlVersion} sandbox="allow-popups allow-popups-to-escape-sandbox" referrerpolicy="no-referrer" .srcdoc=${srcdoc}></iframe>`;
  }

  private allow(sender: string): void {
    allowRemoteImages(sender);
    this.allowedCount++;
  }
}

function dataUrlOf(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.onerror = () => reject(reader.error ?? new Error('unreadable attachment'));
    reader.readAsDataURL(blob);
  });
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-mail-html': GxMailHtml;
  }
}

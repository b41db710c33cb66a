import { consume } from '@lit/context';
import { Task } from '@lit/task';
import { html, LitElement, nothing } from 'lit';
import { customElement, property } from 'lit/decorators.js';
import type { Doc } from '../../design/form.js';
import { localeContext } from '../contexts.js';
import { myInterestProfile, setFollowing, threadOf } from '../controllers/follow-thread.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import type { Locale } from '../i18n/locale.js';
import { paneStyles } from './styles.js';

/** "Follow this thread" on a forum post: new responses in it then come to the user as notices. */
@customElement('gx-follow-thread')
export class GxFollowThread extends LitElement {
  static override styles = [paneStyles];

  @consume({ context: localeContext, subscribe: true }) accessor locale!: Locale;
  @property({ attribute: false }) accessor db: LocalDatabase | undefined;
  @property({ attribute: false }) accessor doc: Doc | null = null;
  /** The replica's change count: the state is read again when the profile changes. */
  @property({ type: Number }) accessor revision = 0;

  private readonly state = new Task(this, {
    task: async ([db, doc]) => {
      if (!db || !doc) return null;
      const thread = await threadOf(db, doc);
      const profile = await myInterestProfile(db);
      return { thread, following: Array.isArray(profile?.threads) && profile.threads.includes(thread) };
    },
    args: () => [this.db, this.doc, this.revision] as const,
  });

  override render() {
    const state = this.state.value;
    if (!state || !this.db) return nothing;
    const t = this.locale.t;
    return html`<button data-follow=${state.following ? 'on' : 'off'} @click=${() => void this.toggle(state.thread, !state.following)}>
      ${state.following ? t.unfollowThread : t.followThread}</button>`;
  }

  private async toggle(thread: string, follow: boolean): Promise<void> {
    if (!this.db) return;
    await setFollowing(this.db, thread, follow);
    void this.state.run();
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-follow-thread': GxFollowThread;
  }
}

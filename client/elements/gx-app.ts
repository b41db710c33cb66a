import { provide } from '@lit/context';
import { css, html, LitElement, nothing } from 'lit';
import { customElement, state } from 'lit/decorators.js';
import type { Lang } from '../../design/label.js';
import type { UserContext } from '../../design/user.js';
import { localeContext, workspaceContext } from '../contexts.js';
import { Reconnect } from '../controllers/reconnect.js';
import { completeSetup, currentSession, forgetSetupToken, lastUser, setupNeeded, setupToken, signIn, signOut } from '../controllers/session-api.js';
import { Workspace } from '../controllers/workspace.js';
import { localeFor, rememberLang, storedLang, type Locale } from '../i18n/locale.js';
import './gx-setup.js';
import './gx-sign-in.js';
import './gx-workstation.js';

type Phase = 'starting' | 'setup' | 'sign-in' | 'workstation';

/**
 * The application: signs in (or opens the last user's replica when the server cannot be reached),
 * opens the user's workspace and hands it, with the language, to the elements through context.
 * A session that ends keeps the replica and its unsent changes: signing in again resumes them.
 */
@customElement('gx-app')
export class GxApp extends LitElement {
  static override styles = css`:host { display: block; height: 100%; }`;

  @provide({ context: localeContext }) @state() accessor locale: Locale = localeFor(storedLang());
  @provide({ context: workspaceContext }) @state() accessor workspace: Workspace | undefined;
  @state() private accessor phase: Phase = 'starting';
  @state() private accessor message = '';
  private csrf = '';
  /** Started offline: asks the server for the session until it answers, then syncs with no reload. */
  private reconnect: Reconnect | null = null;
  /** The one-time setup link's token, while the first administrator is being made. */
  private setupToken = '';

  override connectedCallback(): void {
    super.connectedCallback();
    document.documentElement.lang = this.locale.lang === 'zh' ? 'zh-CN' : 'en';
    void this.start();
  }

  private async start(): Promise<void> {
    const token = setupToken();
    if (token) {
      if (await setupNeeded()) {
        this.setupToken = token;
        this.phase = 'setup';
        return;
      }
      forgetSetupToken();
    }
    const session = await currentSession();
    if (session.kind === 'signed-in') {
      await this.enter(session.user, session.csrf);
      return;
    }
    const remembered = lastUser();
    if (session.kind === 'unreachable' && remembered) {
      await this.enter(remembered, null);
      return;
    }
    this.message = session.kind === 'unreachable' ? this.locale.t.serverUnreachable
      : token ? this.locale.t.setupInvalidLink
      : (await setupNeeded()) ? this.locale.t.setupNeeded : '';
    this.phase = 'sign-in';
  }

  /** Opens (or keeps) the user's workspace; with a session, starts syncing it. */
  private async enter(user: UserContext, csrf: string | null): Promise<void> {
    if (this.workspace && this.workspace.user.name !== user.name) {
      await this.workspace.close();
      this.workspace = undefined;
    }
    this.workspace ??= (await Workspace.open(user)) ?? undefined;
    if (!this.workspace) {
      this.message = this.locale.t.serverUnreachable;
      this.phase = 'sign-in';
      return;
    }
    this.reconnect?.stop();
    this.reconnect = null;
    if (csrf) {
      this.csrf = csrf;
      this.workspace.connect(csrf, () => this.sessionEnded());
    } else {
      this.reconnect = new Reconnect((session) => {
        if (session.kind === 'signed-in') void this.enter(session.user, session.csrf);
        else this.sessionEnded();
      });
    }
    this.message = '';
    this.phase = 'workstation';
  }

  private sessionEnded(): void {
    this.message = this.locale.t.sessionEnded;
    this.phase = 'sign-in';
  }

  override render() {
    switch (this.phase) {
      case 'starting':
        return nothing;
      case 'setup':
        return html`<gx-setup message=${this.message} @gx-setup=${this.onSetup}></gx-setup>`;
      case 'sign-in':
        return html`<gx-sign-in message=${this.message} name=${this.workspace?.user.name ?? lastUser()?.name ?? ''} @gx-sign-in=${this.onSignIn}></gx-sign-in>`;
      case 'workstation':
        return html`<gx-workstation @gx-language=${this.onLanguage} @gx-sign-out=${this.onSignOut}></gx-workstation>`;
    }
  }

  private readonly onSignIn = async (e: CustomEvent<{ name: string; password: string }>) => {
    const session = await signIn(e.detail.name, e.detail.password);
    if (session.kind === 'signed-in') await this.enter(session.user, session.csrf);
    else this.message = session.kind === 'unreachable' ? this.locale.t.serverUnreachable : this.locale.t.signInRefused;
  };

  private readonly onSetup = async (e: CustomEvent<{ name: string; password: string }>) => {
    const answer = await completeSetup(this.setupToken, e.detail.name, e.detail.password);
    if (answer.kind === 'refused') this.message = answer.reason;
    else if (answer.kind === 'unreachable') this.message = this.locale.t.serverUnreachable;
    else if (answer.kind === 'signed-in') {
      forgetSetupToken();
      this.setupToken = '';
      await this.enter(answer.user, answer.csrf);
    }
  };

  private readonly onSignOut = async () => {
    this.reconnect?.stop();
    this.reconnect = null;
    await signOut(this.csrf);
    this.csrf = '';
    await this.workspace?.close();
    this.workspace = undefined;
    this.message = '';
    this.phase = 'sign-in';
  };

  private readonly onLanguage = (e: CustomEvent<Lang>) => {
    rememberLang(e.detail);
    this.locale = localeFor(e.detail);
    document.documentElement.lang = e.detail === 'zh' ? 'zh-CN' : 'en';
  };
}

declare global {
  interface HTMLElementTagNameMap {
    'gx-app': GxApp;
  }
}

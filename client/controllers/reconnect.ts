import { currentSession, type SessionAnswer } from './session-api.js';

/** Often enough that a workstation resumes within a few seconds of the server answering again. */
const RETRY_MS = 2000;

/**
 * Asks the server for the session until it answers, for a workstation that started (or went on)
 * without one: at once when the browser says the network is back, and every few seconds besides,
 * because a server that was down and is up again fires no browser event.
 */
export class Reconnect {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private asking = false;
  private stopped = false;

  constructor(private readonly onAnswer: (session: Exclude<SessionAnswer, { kind: 'unreachable' }>) => void) {
    window.addEventListener('online', this.ask);
    this.schedule();
  }

  stop(): void {
    this.stopped = true;
    window.removeEventListener('online', this.ask);
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(this.ask, RETRY_MS);
  }

  private readonly ask = async (): Promise<void> => {
    if (this.asking || this.stopped) return;
    this.asking = true;
    const session = await currentSession();
    this.asking = false;
    if (this.stopped) return;
    if (session.kind === 'unreachable') {
      this.schedule();
      return;
    }
    this.stop();
    this.onAnswer(session);
  };
}

import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { Observable } from './observable.js';

/** Re-renders its element whenever the observable changes, while the element is connected. */
export class WatchController<T> implements ReactiveController {
  private unsubscribe: (() => void) | null = null;
  private source: Observable<T> | undefined;
  private connected = false;

  constructor(private readonly host: ReactiveControllerHost, source?: Observable<T>) {
    this.source = source;
    host.addController(this);
  }

  get value(): T | undefined {
    return this.source?.value;
  }

  /** Follows another observable (the element's context changed). */
  follow(source: Observable<T> | undefined): void {
    if (source === this.source) return;
    this.unsubscribe?.();
    this.unsubscribe = null;
    this.source = source;
    if (this.connected) this.hostConnected();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.connected = true;
    this.unsubscribe ??= this.source?.subscribe(() => this.host.requestUpdate()) ?? null;
  }

  hostDisconnected(): void {
    this.connected = false;
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}

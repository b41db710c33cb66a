import { Observable } from './observable.js';
import { readStored, writeStored } from './user-storage.js';

export interface Refusal {
  readonly id: string;
  readonly reason: string;
}

interface OutboxState {
  /** Document id → the revision saved here that the server has not yet taken. */
  readonly unsent: Readonly<Record<string, string>>;
  readonly refused: readonly Refusal[];
}

/**
 * The changes made on this workstation that the server has not accepted yet, and those it refused
 * (with its reason). Kept in localStorage, so a restart offline still shows what is waiting.
 */
export class Outbox {
  readonly state: Observable<OutboxState>;

  constructor(private readonly storageKey: string) {
    this.state = new Observable(readStored<OutboxState>(storageKey, { unsent: {}, refused: [] }));
    this.state.subscribe((state) => writeStored(storageKey, state));
  }

  saved(id: string, rev: string): void {
    this.state.update((s) => ({ ...s, unsent: { ...s.unsent, [id]: rev } }));
  }

  /** The gateway took these revisions; a later save of the same document stays unsent. */
  sent(docs: readonly { _id: string; _rev?: string }[]): void {
    const unsent = { ...this.state.value.unsent };
    let changed = false;
    for (const doc of docs) {
      if (unsent[doc._id] !== undefined && unsent[doc._id] === doc._rev) {
        delete unsent[doc._id];
        changed = true;
      }
    }
    const accepted = new Set(docs.map((doc) => doc._id));
    const refused = this.state.value.refused.filter((r) => !accepted.has(r.id));
    if (changed || refused.length !== this.state.value.refused.length) this.state.set({ unsent, refused });
  }

  refused(id: string, reason: string): void {
    this.state.update(({ unsent, refused }) => {
      const { [id]: _dropped, ...rest } = unsent;
      return { unsent: rest, refused: [...refused.filter((r) => r.id !== id), { id, reason }] };
    });
  }

  dismiss(id: string): void {
    this.state.update((s) => ({ ...s, refused: s.refused.filter((r) => r.id !== id) }));
  }
}

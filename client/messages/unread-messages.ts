import { receiptId } from '../../design/forms/message.js';
import { Observable } from '../controllers/observable.js';
import type { StoredDoc } from '../controllers/pouch.js';

function names(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}

/**
 * The internal messages addressed to this person (by name, group, department or role) that they
 * have not read: those without their receipt in the replica. Fed with every document the replica
 * reads or receives, so it costs no query and works offline.
 */
export class UnreadMessages {
  readonly value = new Observable<ReadonlyMap<string, StoredDoc>>(new Map());
  /** Every message received, read or not, newest first: the received messages page. */
  readonly received = new Observable<readonly StoredDoc[]>([]);
  /** Messages to me, by id, and the ids of my receipts. */
  private readonly toMe = new Map<string, StoredDoc>();
  private readonly receipts = new Set<string>();

  constructor(private readonly user: string, private readonly myNames: ReadonlySet<string>) {}

  /** Notes a document as read from the replica or changed; returns whether the unread set may have changed. */
  note(id: string, doc: StoredDoc | undefined): boolean {
    const wasMessage = this.toMe.delete(id);
    const wasReceipt = this.receipts.delete(id);
    if (doc && !doc._deleted && doc.form === 'Message' && !names(doc.sender).includes(this.user) && names(doc.to).some((name) => this.myNames.has(name))) {
      this.toMe.set(id, doc);
    } else if (doc && !doc._deleted && doc.form === 'Receipt' && names(doc.reader).includes(this.user)) {
      this.receipts.add(id);
    } else if (!wasMessage && !wasReceipt) {
      return false;
    }
    return true;
  }

  /** Publishes the unread set after a burst of `note`s. */
  publish(): void {
    this.value.set(new Map([...this.toMe].filter(([id]) => !this.receipts.has(receiptId(id, this.user)))));
    this.received.set([...this.toMe.values()].sort((a, b) => String(b.sent ?? '').localeCompare(String(a.sent ?? ''))));
  }
}

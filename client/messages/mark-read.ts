import type { Doc } from '../../design/form.js';
import { receiptId } from '../../design/forms/message.js';
import type { LocalDatabase } from '../controllers/local-database.js';
import { saveDocument, type SaveOutcome } from '../controllers/save-document.js';

/** Who is told that a message or bulletin was read: its sender or poster. */
function writerOf(doc: Doc): string[] {
  const writer = doc.form === 'Bulletin' ? doc.poster : doc.sender;
  return Array.isArray(writer) ? writer.map(String) : [];
}

/** Whether this person is to say they read it: a message or bulletin someone else wrote. */
export function takesReceipt(doc: Doc, user: string): boolean {
  return (doc.form === 'Message' || doc.form === 'Bulletin') && typeof doc._id === 'string' && !writerOf(doc).includes(user);
}

/**
 * Says "read" for this person with their receipt, once: saved in the replica (offline too), it
 * reaches the writer with the next sync. Null when there was nothing to write.
 */
export async function markRead(db: LocalDatabase, doc: Doc): Promise<SaveOutcome | null> {
  if (!takesReceipt(doc, db.user.name)) return null;
  const id = receiptId(doc._id!, db.user.name);
  if (await db.pouch.get(id).then(() => true, () => false)) return null;
  return saveDocument(db, { _id: id, form: 'Receipt', parent: doc._id, notify: writerOf(doc) }, null);
}

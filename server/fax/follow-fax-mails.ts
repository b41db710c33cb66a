import type { Doc, SaveContext } from '../../design/form.js';
import { SERVER_USER } from '../../design/user.js';
import type { Database, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';

/**
 * Brings each fax mailed to the e-mail-to-fax service to the state of its message: `sent` when the
 * service's mail server accepted it, `failed` with the outbox's reason when it gave up; while it
 * waits, the fax stays `queued` and shows why (the mail server is unreachable…).
 */
export async function followFaxMails(crm: Database, now: Date): Promise<number> {
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  const faxes = (await docsOfView(crm, 'fax-outbox')).filter((fax) => fax.status === 'queued' && fax.transport === 'email' && typeof fax.transportRef === 'string');
  if (faxes.length === 0) return 0;
  const { rows } = await crm.pouch.allDocs({ keys: faxes.map((fax) => String(fax.transportRef)), include_docs: true });
  const mails = new Map(rows.flatMap((row) => ('doc' in row && row.doc ? [[row.key, row.doc as StoredDoc]] : [])));
  const changed = faxes.flatMap((fax): Doc[] => {
    const mail = mails.get(String(fax.transportRef));
    if (mail?.status === 'sent') return [{ ...fax, status: 'sent', sentAt: String(mail.sentAt ?? ctx.now) }];
    if (mail?.status === 'failed' || mail?.status === 'dismissed') return [{ ...fax, status: 'failed', lastError: String(mail.lastError ?? mail.status) }];
    if (typeof mail?.lastError === 'string' && mail.lastError !== fax.lastError) return [{ ...fax, lastError: mail.lastError }];
    return [];
  });
  const results = await crm.saveMany(changed, ctx);
  return results.filter((r) => r.ok).length;
}

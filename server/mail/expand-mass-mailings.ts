import type { Doc, SaveContext } from '../../design/form.js';
import { mergeTemplate } from '../../design/mail-merge.js';
import { SERVER_USER } from '../../design/user.js';
import type { Logger } from '../log.js';
import type { Store, StoredDoc } from '../store/store.js';
import { docsOfView } from '../store/view-docs.js';
import { loadMailSettings } from './mail-settings.js';
import { unsubscribedFrom, unsubscribeLinks } from './unsubscribe.js';
import { subscribersOf } from './subscribers.js';
import { contactsOfGroups } from '../crm/customer-groups.js';

export interface MassMailOptions {
  readonly store: Store;
  /** Where recipients reach this server, for the unsubscribe link, e.g. `https://crm.example.com`. */
  readonly publicUrl: string;
  readonly now: Date;
  readonly logger: Logger;
}

/**
 * Turns each queued mass mailing into one queued message per contact it names with an address and
 * per confirmed subscriber of its list (double opt-in through the website form), less those who left the list,
 * personalised from the template, with an unsubscribe link in the body and in List-Unsubscribe
 * (the link, and a mailto: to the account that sends it when the gateway imports its mail). Message
 * ids derive from the mailing and the contact, so several servers, or a retry after a crash, make
 * each message once.
 */
export async function expandMassMailings({ store, publicUrl, now, logger }: MassMailOptions): Promise<number> {
  const crm = store.database('crm');
  const ctx: SaveContext = { now: now.toISOString(), user: SERVER_USER };
  let expanded = 0;
  const { accounts } = await loadMailSettings(store);
  // The account the outbox would send from; one that also imports can take unsubscriptions by mail.
  const sender = accounts.find((a) => a.smtp && a.imap) ?? accounts.find((a) => a.smtp);
  for (const mailing of await docsOfView(crm, 'mass-mailings-queued')) {
    const template = await crm.find(String(mailing.templateId));
    if (template?.form !== 'MailTemplate') {
      logger.warn({ mailing: mailing._id, templateId: mailing.templateId }, 'a mass mailing names no template; it stays queued');
      continue;
    }
    const list = String(mailing.list);
    const ids = Array.isArray(mailing.contactIds) ? mailing.contactIds.map(String) : [];
    const { rows } = await crm.pouch.allDocs({ keys: ids, include_docs: true });
    const contacts = [
      ...rows.flatMap((row) => ('doc' in row && row.doc?.form === 'Contact' ? [row.doc as StoredDoc] : [])),
      ...(await contactsOfGroups(crm, Array.isArray(mailing.groups) ? mailing.groups.map(String) : [])),
    ].filter((c, i, all) => all.findIndex((d) => d._id === c._id) === i);
    const chosen = contacts.flatMap((c) => (Array.isArray(c.emails) && typeof c.emails[0] === 'string' ? [{ key: c._id, contact: c, address: c.emails[0].toLowerCase() }] : []));
    const subscribers = await subscribersOf(store, list);
    // Each address once: a contact chosen by hand may also have subscribed.
    const addressed = [...chosen, ...subscribers].filter((a, i, all) => all.findIndex((b) => b.address === a.address) === i);
    const unsubscribed = await unsubscribedFrom(store, list, addressed.map((a) => a.address));
    const recipients = addressed.filter((a) => !unsubscribed.has(a.address));
    const messages: Doc[] = [];
    for (const { key, contact, address } of recipients) {
      const values = { contactName: String(contact.name ?? ''), customerName: String(contact.customerName ?? ''), salesperson: String(mailing.createdBy ?? '') };
      const links = await unsubscribeLinks(store, publicUrl, list, address, sender);
      messages.push({
        _id: `mass-${mailing._id}-${key}`,
        form: 'MailMessage', direction: 'out', status: 'queued',
        to: [address], toNames: [String(contact.name ?? '')],
        subject: mergeTemplate(String(template.subject ?? ''), values),
        body: `${mergeTemplate(String(template.body ?? ''), values)}\n\n——\n退订 / Unsubscribe: ${links.unsubscribeUrl}`,
        ...(contact.form === 'Contact' ? { customerId: contact.customerId, customerName: contact.customerName, contactId: contact._id, contactName: contact.name } : {}),
        tags: [list],
        ...links,
        ...(sender ? { accountId: sender.id } : {}),
      });
    }
    const results = await crm.saveMany(messages, ctx);
    const failed = results.filter((r) => !r.ok && r.error !== 'conflict');
    if (failed.length > 0) {
      logger.error({ mailing: mailing._id, failed: failed.length, reason: failed[0]!.ok ? '' : failed[0]!.reason }, 'some messages of a mass mailing could not be queued; it stays queued');
      continue;
    }
    try {
      await crm.save({ ...mailing, status: 'expanded', expandedAt: ctx.now, queuedCount: messages.length, skippedCount: contacts.length + ids.filter((id) => !contacts.some((c) => c._id === id)).length + subscribers.length - messages.length }, ctx);
      expanded++;
    } catch {
      // Another server marked it a moment ago: the messages were the same ones.
    }
  }
  return expanded;
}

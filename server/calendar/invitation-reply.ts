import { createHash } from 'node:crypto';
import ICAL from 'ical.js';
import type { Doc } from '../../design/form.js';

export type InvitationAnswer = 'accepted' | 'declined';

const PARTSTAT: Readonly<Record<InvitationAnswer, string>> = { accepted: 'ACCEPTED', declined: 'DECLINED' };
const SUBJECT: Readonly<Record<InvitationAnswer, string>> = { accepted: '已接受 Accepted', declined: '已谢绝 Declined' };

/** The file a reply mail carries and its type, as iTIP (RFC 5546) and Outlook expect it. */
export const REPLY_FILE = 'reply.ics';
export const REPLY_TYPE = 'text/calendar; method=REPLY; charset=UTF-8';

export interface ReplyOptions {
  readonly answer: InvitationAnswer;
  readonly person: string;
  /** Addresses the person may be invited as: their own, then those the invitation was mailed to. */
  readonly addresses: readonly string[];
  readonly now: string;
  /** The mail account the invitation came in through, to send the reply from. */
  readonly accountId?: string;
}

/**
 * The iTIP REPLY (RFC 5546 §3.2.3) to a received invitation as a queued mail to its organizer:
 * the event's UID, SEQUENCE, RECURRENCE-ID and start as they came, the organizer, and one
 * ATTENDEE — the person, under the address the invitation names them by — with PARTSTAT
 * ACCEPTED or DECLINED. None when the invitation names no organizer's address to answer.
 * The mail's id follows the event, the person and the answer: answering the same twice mails once.
 */
export function invitationReply(ics: string, options: ReplyOptions): Doc | undefined {
  const request = new ICAL.Component(ICAL.parse(ics) as unknown[]);
  const event = request.getFirstSubcomponent('vevent');
  const organizer = event?.getFirstProperty('organizer');
  const organizerAddress = String(organizer?.getFirstValue() ?? '').replace(/^mailto:/i, '').trim();
  if (!event || !organizer || !organizerAddress.includes('@')) return undefined;
  const invited = new Map(event.getAllProperties('attendee').map((p) => [String(p.getFirstValue()).replace(/^mailto:/i, '').toLowerCase(), p]));
  const address = options.addresses.find((a) => invited.has(a.toLowerCase())) ?? options.addresses[0];
  if (!address) return undefined;

  const reply = new ICAL.Component(['vcalendar', [], []]);
  reply.updatePropertyWithValue('prodid', '-//Guanxi//Calendar//ZH');
  reply.updatePropertyWithValue('version', '2.0');
  reply.updatePropertyWithValue('method', 'REPLY');
  for (const zone of request.getAllSubcomponents('vtimezone')) reply.addSubcomponent(new ICAL.Component(zone.toJSON()));
  const answer = new ICAL.Component('vevent');
  for (const name of ['uid', 'sequence', 'recurrence-id', 'dtstart', 'dtend', 'summary']) {
    const property = event.getFirstProperty(name);
    // A copy: adding the property itself would take it out of the invitation.
    if (property) answer.addProperty(new ICAL.Property(property.toJSON()));
  }
  answer.updatePropertyWithValue('dtstamp', ICAL.Time.fromJSDate(new Date(options.now), true));
  answer.addProperty(new ICAL.Property(organizer.toJSON()));
  const attendee = answer.addPropertyWithValue('attendee', `mailto:${address}`);
  attendee.setParameter('partstat', PARTSTAT[options.answer]);
  attendee.setParameter('cn', invited.get(address.toLowerCase())?.getParameter('cn') ?? options.person);
  reply.addSubcomponent(answer);
  const text = reply.toString().replace(/\r?\n/g, '\r\n') + '\r\n';

  const uid = String(event.getFirstPropertyValue('uid') ?? '');
  const summary = String(event.getFirstPropertyValue('summary') ?? '');
  const organizerName = organizer.getParameter('cn');
  const id = createHash('sha256').update(`${uid}\n${options.person}\n${options.answer}\n${String(event.getFirstPropertyValue('sequence') ?? 0)}`).digest('hex').slice(0, 32);
  return {
    _id: `icalreply-${id}`,
    form: 'MailMessage',
    direction: 'out',
    status: 'queued',
    to: [organizerAddress],
    ...(typeof organizerName === 'string' ? { toNames: [organizerName] } : {}),
    subject: `${SUBJECT[options.answer]}: ${summary}`.slice(0, 300),
    body: `${options.person} ${options.answer === 'accepted' ? '已接受邀请 accepted the invitation' : '已谢绝邀请 declined the invitation'}: ${summary}`,
    ...(options.accountId ? { accountId: options.accountId } : {}),
    readers: [options.person],
    authors: [],
    _attachments: { [REPLY_FILE]: { content_type: REPLY_TYPE, data: Buffer.from(text, 'utf8').toString('base64') } },
  };
}

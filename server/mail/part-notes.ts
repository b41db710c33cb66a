import { simpleParser, type Attachment } from 'mailparser';
import { sanitizeMailHtml, textOfMailHtml } from './mail-html.js';

/** Something about a message's parts that a reader should be told. */
export interface PartNote {
  readonly kind: 'forwarded' | 'tnef' | 'calendar' | 'unreadable' | 'too-large';
  readonly text: string;
}

export interface PartReading {
  /** Text to search and file by besides the message's own (a forwarded message's). */
  readonly texts: readonly string[];
  readonly notes: readonly PartNote[];
  /** A file name for each attachment that came without one, by position. */
  readonly names: readonly (string | undefined)[];
}

/**
 * Reads what mailparser leaves as attachments but a person reads as part of the message: a
 * forwarded message (its text joins the body, the .eml stays attached), an invitation (kept as
 * .ics, its summary noted) and Outlook's winmail.dat, which no maintained parser reads: it is
 * kept as it came, with a note saying so.
 */
export async function partNotes(attachments: readonly Attachment[]): Promise<PartReading> {
  const texts: string[] = [];
  const notes: PartNote[] = [];
  const names: (string | undefined)[] = [];
  for (const a of attachments) {
    const type = (a.contentType || '').toLowerCase();
    if (type === 'message/rfc822') {
      const inner = await simpleParser(a.content, { skipHtmlToText: true, skipTextToHtml: true, skipImageLinks: true }).catch(() => undefined);
      const subject = inner?.subject?.trim() ?? '';
      const html = inner && typeof inner.html === 'string' ? inner.html : '';
      const body = inner?.text?.trim() ? inner.text : html ? textOfMailHtml(sanitizeMailHtml(html)) : '';
      texts.push(['---------- 转发的邮件 Forwarded message ----------', `From: ${inner?.from?.text ?? ''}`, `Date: ${inner?.date?.toISOString() ?? ''}`, `Subject: ${subject}`, '', body].join('\n'));
      names.push(`${safeName(subject) || 'forwarded'}.eml`);
      notes.push({ kind: 'forwarded', text: `转发的邮件「${subject}」附为 .eml，正文已并入 (Forwarded message "${subject}" attached as .eml, its text included)` });
    } else if (type === 'application/ms-tnef' || a.filename?.toLowerCase() === 'winmail.dat') {
      names.push('winmail.dat');
      notes.push({ kind: 'tnef', text: 'winmail.dat 是 Outlook 的 TNEF 格式，其中内容未能读出，原样保留为附件 (winmail.dat is Outlook TNEF; its contents could not be read and it is kept as an attachment)' });
    } else if (type === 'text/calendar' || type === 'application/ics') {
      const ics = a.content.toString('utf8');
      const summary = /^SUMMARY[^:\r\n]*:(.*)$/m.exec(ics)?.[1]?.trim() ?? '';
      const start = /^DTSTART[^:\r\n]*:(.*)$/m.exec(ics)?.[1]?.trim() ?? '';
      names.push('invite.ics');
      notes.push({ kind: 'calendar', text: `会议邀请 (Invitation)：${summary} ${start}`.trim() });
    } else {
      names.push(undefined);
    }
  }
  return { texts, notes, names };
}

function safeName(subject: string): string {
  return subject.replace(/[\\/:*?"<>|\r\n\t]/g, ' ').trim().slice(0, 100);
}

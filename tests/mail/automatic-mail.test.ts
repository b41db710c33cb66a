import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { claimAutoReply } from '../../server/mail/auto-reply-limit.js';
import { parseMessage } from '../../server/mail/parse-message.js';
import { ENGINES, openTestStore } from '../helpers/test-store.js';

const DAY = 86_400_000;

let n = 0;

function raw(headers: string, body = 'text\r\n'): Uint8Array {
  return new TextEncoder().encode(`${headers}\r\nMessage-ID: <m-${++n}@example.com>\r\nSubject: x\r\n\r\n${body}`);
}

describe('what is automatic mail (RFC 3834), as parsed from the raw message', () => {
  it('names why a message must not be answered, and answers a person’s mail that says Auto-Submitted: no', async () => {
    const reasonOf = async (headers: string, body?: string) => (await parseMessage(raw(headers, body))).automatic;
    assert.equal(await reasonOf('From: Hans <hans@acme.de>\r\nAuto-Submitted: no'), undefined);
    assert.equal(await reasonOf('From: Hans <hans@acme.de>'), undefined);
    assert.equal(await reasonOf('From: Hans <hans@acme.de>\r\nAuto-Submitted: auto-replied; owner-email="hans@acme.de"'), 'auto-submitted');
    assert.equal(await reasonOf('From: Hans <hans@acme.de>\r\nX-Autoreply: yes'), 'auto-submitted');
    assert.equal(await reasonOf('From: Shop <news@shop.example>\r\nPrecedence: junk'), 'precedence');
    assert.equal(await reasonOf('From: List <l@lists.example>\r\nList-Id: Buyers <buyers.lists.example>'), 'list');
    assert.equal(await reasonOf('From: Tracking <noreply+track@carrier.example>'), 'no-reply-sender');
    assert.equal(await reasonOf('From: MAILER-DAEMON@mx.acme.de'), 'no-reply-sender');
    assert.equal(await reasonOf('Return-Path: <>\r\nFrom: Mail System <system@mx.acme.de>'), 'bounce');
    const report = 'From: Mail System <system@mx.acme.de>\r\nMIME-Version: 1.0\r\nContent-Type: multipart/report; report-type=delivery-status; boundary="b1"';
    const parts = '--b1\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n--b1\r\nContent-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx.acme.de\r\n\r\nFinal-Recipient: rfc822; nobody@acme.de\r\nAction: failed\r\nStatus: 5.1.1\r\n--b1--\r\n';
    assert.equal(await reasonOf(report, parts), 'bounce');
  });

  for (const engine of ENGINES) it(`lets one of several servers claim the auto-reply to a sender, once per period (${engine})`, async () => {
    const t = await openTestStore(engine);
    try {
      const docs = t.store.serverDocs;
      const now = new Date('2026-03-02T09:00:00.000Z');
      const claims = await Promise.all(Array.from({ length: 5 }, () => claimAutoReply(docs, 'Hans@Acme.de', now)));
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(await claimAutoReply(docs, 'hans@acme.de', new Date(now.getTime() + 4 * DAY - 1)), false);
      assert.equal(await claimAutoReply(docs, 'hans@acme.de', new Date(now.getTime() + 4 * DAY)), true);
      assert.equal(await claimAutoReply(docs, 'hans@acme.de', new Date(now.getTime() + 5 * DAY), 1), true, 'a rule’s own period');
    } finally {
      await t.cleanup();
    }
  });
});

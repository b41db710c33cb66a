import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { DB_NAMES } from '../../design/databases.js';
import { SEED_CTX } from '../helpers/directory-seed.js';
import { pick, seededRandom } from '../helpers/random.js';
import type { Credentials } from '../helpers/sync-client.js';
import { gatewayWorld, type GatewayWorld } from './gateway-fixture.js';

/**
 * Every route of /sync and /api, fed what a broken or hostile client sends: malformed JSON, wrong
 * types, missing and empty bodies, other content types, huge values, odd ids and names, malformed
 * query parameters. Each answer is a clear 4xx (or an ordinary success) in the route's error shape,
 * never a 5xx; the server stays up; and nothing stored changes.
 */

type Route = readonly [method: string, path: string];

const SYNC_ROUTES: readonly Route[] = [
  ['GET', '/sync/crm'], ['HEAD', '/sync/crm'], ['PUT', '/sync/crm'], ['POST', '/sync/crm'], ['DELETE', '/sync/crm'],
  ['GET', '/sync/crm/_changes'], ['POST', '/sync/crm/_changes'], ['POST', '/sync/crm/_revs_diff'], ['POST', '/sync/crm/_bulk_get'],
  ['POST', '/sync/crm/_bulk_docs'], ['POST', '/sync/crm/_ensure_full_commit'], ['GET', '/sync/crm/_revs_diff'],
  ['GET', '/sync/crm/_local/:id'], ['PUT', '/sync/crm/_local/:id'], ['DELETE', '/sync/crm/_local/:id'],
  ['GET', '/sync/crm/:id'], ['HEAD', '/sync/crm/:id'], ['PUT', '/sync/crm/:id'], ['DELETE', '/sync/crm/:id'], ['COPY', '/sync/crm/:id'],
  ['GET', '/sync/crm/:id/:name'], ['PUT', '/sync/crm/:id/:name'],
  ['GET', '/sync/crm/_design/:id'], ['POST', '/sync/crm/_find'], ['POST', '/sync/crm/_explain'], ['POST', '/sync/crm/_index'],
  ['POST', '/sync/crm/_purge'], ['POST', '/sync/crm/_temp_view'], ['POST', '/sync/crm/_compact'], ['GET', '/sync/crm/_all_docs'],
  ['POST', '/sync/crm/_all_docs'], ['POST', '/sync/crm/_missing_revs'], ['GET', '/sync/:id'], ['GET', '/sync/_all_dbs'], ['GET', '/sync/'],
];

const API_ROUTES: readonly Route[] = [
  ['GET', '/api/health'], ['GET', '/api/views'], ['GET', '/api/me/databases'], ['GET', '/api/session'], ['POST', '/api/session'],
  ['POST', '/api/session/password'], ['POST', '/api/people/:id/password'], ['GET', '/api/admin/quarantine'],
  ['GET', '/api/db/crm/docs/:id'], ['GET', '/api/db/:id/docs/:id'], ['GET', '/api/db/crm/views/:id'], ['GET', '/api/db/crm/views/customers-by-name'],
  ['GET', '/api/crm/overdue-contact'], ['GET', '/api/crm/overdue-payments'], ['GET', '/api/crm/statistics'],
  ['POST', '/api/crm/hand-over'], ['POST', '/api/crm/deals/:id/urge'], ['POST', '/api/complaints/:id/actions'],
  ['GET', '/api/export/crm/:id.csv'], ['GET', '/api/export/contacts.vcf'], ['POST', '/api/import'], ['POST', '/api/import/preview'],
  ['GET', '/api/mail/templates'], ['GET', '/api/mail/accounts/:id/password'], ['PUT', '/api/mail/accounts/:id/password'],
  ['POST', '/api/mail/messages/:id/assign'], ['POST', '/api/mail/messages/:id/contact'],
  ['GET', '/api/print/label-formats'], ['POST', '/api/print/jobs'], ['GET', '/api/print/jobs/:id'], ['GET', '/api/print/jobs/:id/file'],
  ['DELETE', '/api/print/jobs/:id'], ['PATCH', '/api/crm/hand-over'], ['GET', '/api/no-such-route'],
];

/** Ids and names a client may put in a path: separators, controls, reversing marks, very long, not UTF-8. */
const ODD_SEGMENTS = [
  'cust-1', 'never-was', '%00', '%0D%0Aset-cookie:%20x', '%E2%80%AEfdp.exe', 'x'.repeat(5000), '..%2F..%2Fetc%2Fpasswd', '%2E%2E', '%2F',
  encodeURIComponent('客户 张三'), '_design', '_local', '_all_docs', '%F0%9F%98%80', '%FF%FE', '%', '%zz', 'a%20b', encodeURIComponent('{"$gt":null}'),
];

const ODD_STRINGS = ['', ' ', '\r\n', '\u0000', '\u202e', '../../../../etc/passwd', '<script>alert(1)</script>', '张三', '😀', 'x'.repeat(100_000), '-1', '1e309', '[', '{', 'null', 'true', '__proto__'];

const QUERY_NAMES = ['rev', 'revs', 'open_revs', 'atts_since', 'latest', 'conflicts', 'attachments', 'revs_info', 'new_edits', 'since', 'limit', 'feed', 'filter',
  'doc_ids', 'style', 'heartbeat', 'include_docs', 'descending', 'after', 'toggled', 'expandAll', 'today', 'period', 'format', 'key'];
const QUERY_VALUES = ['[', '[1,2', '["1-abc"', '{}', '[{}]', '[null]', '"x"', 'true', 'maybe', '-1', '0', 'NaN', '1e400', '%', 'all', 'continuous', 'eventsource', '_view',
  '_design', '_doc_ids', '_selector', encodeURIComponent('x'.repeat(3000)), encodeURIComponent('\r\n'), encodeURIComponent('\u202e')];

interface Sent {
  readonly method: string;
  readonly path: string;
  readonly contentType?: string;
  readonly body?: string | Uint8Array<ArrayBuffer>;
  /** Malformed by construction: the answer must be a 4xx. */
  readonly malformed: boolean;
}

/** A JSON value of a random shape, some of it hostile, `depth` levels deep at most. */
function randomValue(random: () => number, depth = 3): unknown {
  const kind = pick(random, depth > 0 ? ['null', 'number', 'bool', 'string', 'array', 'object', 'object'] : ['null', 'number', 'bool', 'string']);
  switch (kind) {
    case 'null': return null;
    case 'number': return pick(random, [0, -1, 1.5, 2 ** 53 + 1, -1e308, 1e308]);
    case 'bool': return random() < 0.5;
    case 'string': return pick(random, ODD_STRINGS);
    case 'array': return Array.from({ length: Math.floor(random() * 4) }, () => randomValue(random, depth - 1));
    default: {
      const keys = ['docs', 'new_edits', 'id', 'rev', '_id', '_rev', '_deleted', '_attachments', '_revisions', 'form', 'name', 'doc_ids', 'to', 'from', 'customerId',
        'dealId', 'message', 'action', 'password', 'newPassword', 'oldPassword', 'kind', 'job', 'viewId', 'ids', 'contactId', '__proto__', 'constructor', '张三'];
      const out: Record<string, unknown> = {};
      for (let i = Math.floor(random() * 5); i > 0; i--) out[pick(random, keys)] = randomValue(random, depth - 1);
      return out;
    }
  }
}

/** One request to a route, drawn from the generator: path segments, query and body all at random. */
function randomRequest(random: () => number, route: Route): Sent {
  const sent = drawRequest(random, route);
  // A GET or HEAD sends no body, so its body cannot make it malformed.
  return ['GET', 'HEAD'].includes(sent.method) ? { method: sent.method, path: sent.path, malformed: false } : sent;
}

function drawRequest(random: () => number, [method, template]: Route): Sent {
  const path = template.replace(/:id|:name/g, () => pick(random, ODD_SEGMENTS));
  const query = Array.from({ length: Math.floor(random() * 3) }, () => `${pick(random, QUERY_NAMES)}=${pick(random, QUERY_VALUES)}`);
  // Never a longpoll or continuous feed: it would wait for a change rather than answer.
  const url = `${path}${query.length > 0 ? `?${query.join('&')}` : ''}`.replace(/feed=(longpoll|continuous)/g, 'feed=normal');
  const shape = pick(random, ['none', 'empty', 'broken', 'text', 'value', 'value', 'value', 'form', 'multipart', 'huge']);
  switch (shape) {
    case 'none': return { method, path: url, malformed: false };
    case 'empty': return { method, path: url, contentType: 'application/json', body: '', malformed: false };
    case 'broken': return { method, path: url, contentType: 'application/json', body: pick(random, ['{', '[', '{"docs":', '{"a":1,}', 'nul', '\u0000', '{"docs":[null]']), malformed: true };
    case 'text': return { method, path: url, contentType: 'text/plain', body: JSON.stringify(randomValue(random)), malformed: false };
    case 'form': return { method, path: url, contentType: 'application/x-www-form-urlencoded', body: 'docs=1&new_edits=false', malformed: false };
    case 'multipart': return { method, path: url, contentType: 'multipart/related; boundary=x', body: pick(random, ['--x\r\n\r\n{}\r\n--x--', '--x', 'no boundary here', '--x\r\nContent-Type: application/json\r\n\r\n{"_attachments":{"a":{"follows":true}}}\r\n--x--']), malformed: false };
    case 'huge': return { method, path: url, contentType: 'application/json', body: JSON.stringify({ docs: [{ _id: 'x'.repeat(100_000), form: 'Customer', name: '客'.repeat(300_000) }], id: 'y'.repeat(100_000) }), malformed: false };
    default: return { method, path: url, contentType: 'application/json', body: JSON.stringify(randomValue(random)), malformed: false };
  }
}

describe('malformed input on every route of /sync and /api', () => {
  let world: GatewayWorld;
  let manager: Credentials;
  const stored = async () => Object.fromEntries(await Promise.all(DB_NAMES.map(async (name) => {
    const { rows } = await world.running.store.database(name).pouch.allDocs({ include_docs: true, attachments: true });
    return [name, rows] as const;
  })));

  before(async () => {
    world = await gatewayWorld([{ name: 'Alice', roles: ['[Manager]', '[Admin]'], access: { crm: 'manager', names: 'manager', discussion: 'manager', library: 'manager' } }]);
    const crm = world.running.store.database('crm');
    await crm.save({ _id: 'cust-1', form: 'Customer', name: '宁波泵阀' }, SEED_CTX);
    await crm.save({ _id: 'deal-1', form: 'Deal', name: '框架订单', customerId: 'cust-1', _attachments: { 'a.pdf': { content_type: 'application/pdf', data: Buffer.from('%PDF').toString('base64') } } }, SEED_CTX);
    manager = await world.signIn('Alice');
  });
  after(async () => {
    await world?.close();
  });

  async function send(sent: Sent): Promise<{ status: number; type: string; text: string }> {
    const response = await fetch(`${world.running.url}${sent.path}`, {
      method: sent.method,
      headers: { cookie: manager.cookie, 'x-csrf-token': manager.csrf, ...(sent.contentType ? { 'content-type': sent.contentType } : {}) },
      ...(sent.body === undefined ? {} : { body: sent.body }),
    });
    return { status: response.status, type: response.headers.get('content-type') ?? '', text: await response.text() };
  }

  test('generated requests: a clear 4xx in the route\'s shape or an ordinary answer, never a 5xx; the server stays up and nothing stored changes', async () => {
    const random = seededRandom('malformed input');
    const before = await stored();
    const failures: string[] = [];
    for (const route of [...SYNC_ROUTES, ...API_ROUTES]) {
      for (let i = 0; i < 10; i++) {
        const sent = randomRequest(random, route);
        // `%2E%2E` is a dot segment to the client too: a path it takes out of /sync or /api is another route's.
        if (!/^\/(sync|api)(\/|$)/.test(new URL(sent.path, world.running.url).pathname)) continue;
        const answer = await send(sent);
        const where = `${sent.method} ${sent.path.slice(0, 160)} [${sent.contentType ?? 'no body'}] ${typeof sent.body === 'string' ? sent.body.slice(0, 80) : sent.body ? `${sent.body.length} bytes` : ''}`;
        if (answer.status >= 500) failures.push(`${where} → ${answer.status} ${answer.text.slice(0, 200)}`);
        else if (sent.malformed && answer.status < 400) failures.push(`${where} → ${answer.status}, not a 4xx`);
        else if (answer.status >= 400 && sent.method !== 'HEAD') {
          const body = answer.type.includes('application/json') ? JSON.parse(answer.text) as Record<string, unknown> : null;
          if (!body || typeof body.error !== 'string' || typeof body.reason !== 'string') failures.push(`${where} → ${answer.status} not {error, reason}: ${answer.type} ${answer.text.slice(0, 120)}`);
        }
      }
    }
    assert.deepEqual(failures, []);
    assert.equal((await send({ method: 'GET', path: '/api/health', malformed: false })).status, 200);
    assert.deepEqual(await stored(), before);
  });

  test('the requests the issue named: each a 4xx in CouchDB\'s shape', async () => {
    const cases: [Sent, number, string][] = [
      [{ method: 'GET', path: '/sync/crm/cust-1?open_revs=[', malformed: true }, 400, 'bad_request'],
      [{ method: 'GET', path: '/sync/crm/cust-1?atts_since=[', malformed: true }, 400, 'bad_request'],
      [{ method: 'POST', path: '/sync/crm/_revs_diff', malformed: true }, 415, 'bad_content_type'],
      [{ method: 'POST', path: '/sync/crm/_bulk_get', contentType: 'text/plain', body: '{"docs":[]}', malformed: true }, 415, 'bad_content_type'],
      [{ method: 'POST', path: '/sync/crm/_bulk_docs', contentType: 'application/json', body: '', malformed: true }, 400, 'bad_request'],
      [{ method: 'POST', path: '/sync/crm/_bulk_get', contentType: 'application/json', body: '{"docs":{}}', malformed: true }, 400, 'bad_request'],
      [{ method: 'POST', path: '/sync/crm/_bulk_get', contentType: 'application/json', body: '{"docs":[{"id":{"a":1}}]}', malformed: true }, 400, 'bad_request'],
      [{ method: 'POST', path: '/sync/crm/_bulk_docs', contentType: 'application/json', body: '{"docs":[null]}', malformed: true }, 400, 'bad_request'],
      [{ method: 'POST', path: '/sync/crm/_revs_diff', contentType: 'application/json', body: '{"cust-1":"1-abc"}', malformed: true }, 400, 'bad_request'],
      [{ method: 'GET', path: '/sync/crm/_bulk_docs', malformed: true }, 405, 'method_not_allowed'],
      ...['_find', '_explain', '_index', '_purge', '_temp_view', '_compact', '_all_docs', '_missing_revs'].map((endpoint): [Sent, number, string] => (
        [{ method: 'POST', path: `/sync/crm/${endpoint}`, contentType: 'application/json', body: '{}', malformed: true }, 404, 'not_found'])),
    ];
    // Bodies over the limits (70 MB on /sync, a document with its files; 10 MB on /api).
    const over = (megabytes: number) => new Uint8Array(megabytes * 1024 * 1024 + 1).fill(0x20);
    cases.push(
      [{ method: 'POST', path: '/sync/crm/_bulk_docs', contentType: 'application/json', body: over(70), malformed: true }, 413, 'too_large'],
      [{ method: 'PUT', path: '/sync/crm/cust-2', contentType: 'multipart/related; boundary=x', body: over(70), malformed: true }, 413, 'too_large'],
      [{ method: 'POST', path: '/api/crm/hand-over', contentType: 'application/json', body: over(10), malformed: true }, 413, 'too_large'],
    );
    for (const [sent, status, error] of cases) {
      const answer = await send(sent);
      assert.equal(answer.status, status, `${sent.method} ${sent.path}: ${answer.text}`);
      assert.match(answer.type, /application\/json/, `${sent.method} ${sent.path}`);
      const body = JSON.parse(answer.text) as { error: string; reason: string };
      assert.equal(body.error, error, `${sent.method} ${sent.path}: ${answer.text}`);
      assert.equal(typeof body.reason, 'string');
    }
  });
});

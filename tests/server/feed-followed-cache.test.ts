import assert from 'node:assert/strict';
import { connect, createServer, type Server, type Socket } from 'node:net';
import { test } from 'node:test';
import nano from 'nano';
import PouchDB from 'pouchdb';
import { FeedFollowedCache } from '../../server/store/feed-followed-cache.js';
import { couchServer } from '../helpers/couch-server.js';
import { expectEventually } from '../helpers/expect-eventually.js';

/** A TCP relay to a server, whose connections can be cut (as a network fault would) and restored on the same port. */
async function relayTo(target: URL): Promise<{ port: number; cut(): Promise<void>; restore(): Promise<void>; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  let server: Server;
  const listen = (port: number) => new Promise<number>((resolve, reject) => {
    server = createServer((client) => {
      const upstream = connect(Number(target.port), target.hostname);
      for (const socket of [client, upstream]) {
        sockets.add(socket);
        socket.on('close', () => sockets.delete(socket));
        socket.on('error', () => [client, upstream].forEach((s) => s.destroy()));
      }
      client.pipe(upstream).pipe(client);
    });
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
  });
  const cut = () => new Promise<void>((resolve) => {
    server.close(() => resolve());
    for (const socket of sockets) socket.destroy();
  });
  const port = await listen(0);
  return { port, cut, restore: async () => void (await listen(port)), close: cut };
}

test('documents cached while the changes feed runs are read from the store again after the feed failed: a write it missed is not hidden', async () => {
  const { url } = await couchServer();
  const name = `t${process.pid}x${Date.now().toString(36)}-followed`;
  const direct = new URL(url);
  const relay = await relayTo(direct);
  const throughRelay = new URL(url);
  throughRelay.port = String(relay.port);
  const writer = new PouchDB(`${url}/${name}`);
  const reader = new PouchDB(`${throughRelay.toString().replace(/\/$/, '')}/${name}`);
  try {
    await writer.put({ _id: 'session-1', v: 1 });
    const cache = new FeedFollowedCache(reader, 'session-', 100, false);
    let loads = 0;
    const read = () => cache.read('session-1', async () => {
      loads++;
      return ((await reader.get('session-1')) as unknown as { v: number }).v;
    });
    assert.equal(await read(), 1);
    assert.equal(await read(), 1);
    assert.equal(loads, 1, 'the second read is answered from memory');

    await writer.put({ ...(await writer.get('session-1')), v: 2 });
    await expectEventually(async () => assert.equal(await read(), 2), { timeoutMs: 5000, intervalMs: 20 });

    // The feed's connection breaks; meanwhile the document changes, and the feed cannot tell.
    await relay.cut();
    await writer.put({ ...(await writer.get('session-1')), v: 3 });
    await relay.restore();
    await expectEventually(async () => assert.equal(await read(), 3), { timeoutMs: 5000, intervalMs: 20 });
  } finally {
    await reader.close().catch(() => undefined);
    await relay.close();
    await writer.close();
    await nano(url).db.destroy(name).catch(() => undefined);
  }
});

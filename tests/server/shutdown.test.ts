import assert from 'node:assert/strict';
import { once } from 'node:events';
import { Socket } from 'node:net';
import { constants } from 'node:os';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { test } from 'node:test';
import { openStore } from '../../server/store/open-store.js';
import { CLI, spawnEntry, START, tempDir } from './fixtures.js';

const CASES = [
  { how: 'npm start (server/start.ts)', script: START, args: [], signal: 'SIGTERM' },
  { how: 'guanxi serve', script: CLI, args: ['serve'], signal: 'SIGINT' },
] as const;

for (const { how, script, args, signal } of CASES) {
  test(`${signal} stops ${how} cleanly: exit code 0, and the store closed`, async () => {
    const { dir, cleanup } = await tempDir('shutdown');
    try {
      // The data directory comes from a configuration file, relative to it.
      const configFile = join(dir, 'guanxi.config.json');
      await writeFile(configFile, JSON.stringify({ dataDir: 'data', logLevel: 'info' }));
      const child = spawnEntry(script, args, { GUANXI_CONFIG: configFile, PORT: '0', HOST: '127.0.0.1' }, dir);
      try {
        const listening = await child.waitForLog((line) => line.msg === 'listening');
        assert.equal(listening.engine, 'embedded');
        assert.equal(listening.dataDir, join(dir, 'data'));
        const health = await fetch(`${String(listening.url)}/api/health`);
        assert.equal(health.status, 200);

        child.process.kill(signal);
        assert.deepEqual(await child.exited, { code: 0, signal: null });
        assert.ok(child.logs.some((line) => line.msg === 'stopped'), 'the store was closed before exiting');
        // Nothing on the console but the first start's setup link (a fresh data directory has no administrator).
        assert.equal(child.stderr().replace(/^\nNo administrator yet\. .*\n\n {4}http:\S+#setup=[\w-]+\n\n/, ''), '');
      } finally {
        child.process.kill('SIGKILL');
      }
      // LevelDB's locks were released: the data directory opens again.
      const reopened = await openStore({ dataDir: join(dir, 'data') });
      await reopened.close();
    } finally {
      await cleanup();
    }
  });
}

test('a second signal exits at once, while a request still holds the first shutdown open', async () => {
  const { dir, cleanup } = await tempDir('second-signal');
  try {
    const child = spawnEntry(START, [], { GUANXI_DATA_DIR: join(dir, 'data'), PORT: '0', HOST: '127.0.0.1' }, dir);
    const socket = new Socket();
    try {
      const { url } = await child.waitForLog((line) => line.msg === 'listening');
      const { hostname, port } = new URL(String(url));
      socket.connect(Number(port), hostname);
      await once(socket, 'connect');
      // A request whose body never arrives: graceful shutdown waits for it. The server's
      // "100 Continue" shows that it has the request in hand before the signal is sent.
      socket.setEncoding('utf8');
      socket.write('POST /api/health HTTP/1.1\r\nHost: guanxi\r\nContent-Type: application/json\r\nContent-Length: 100\r\nExpect: 100-continue\r\n\r\n');
      const [interim] = (await once(socket, 'data')) as [string];
      assert.match(interim, /^HTTP\/1\.1 100 Continue/);

      child.process.kill('SIGTERM');
      await child.waitForLog((line) => line.msg === 'shutting down');
      child.process.kill('SIGTERM');
      assert.deepEqual(await child.exited, { code: 128 + constants.signals.SIGTERM, signal: null });
      assert.ok(!child.logs.some((line) => line.msg === 'stopped'));
    } finally {
      socket.destroy();
      child.process.kill('SIGKILL');
    }
  } finally {
    await cleanup();
  }
});

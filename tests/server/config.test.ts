import assert from 'node:assert/strict';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { ConfigError, loadConfig, redactCredentials, redactUrl } from '../../server/config.js';
import { inTempDir } from './fixtures.js';

/** Runs `work` in a fresh directory that stands for the working directory. */
const inDir = (work: (dir: string) => Promise<void>) => inTempDir('config', work);

function writeJson(path: string, value: unknown): Promise<void> {
  return writeFile(path, JSON.stringify(value));
}

/** Asserts a ConfigError whose message matches every pattern. */
function assertConfigError(load: () => unknown, ...patterns: RegExp[]): void {
  assert.throws(load, (error: unknown) => {
    assert.ok(error instanceof ConfigError, `expected a ConfigError, got ${String(error)}`);
    for (const pattern of patterns) assert.match(error.message, pattern);
    return true;
  });
}

describe('loadConfig', () => {
  test('defaults, with the data directory resolved against the working directory', () => inDir(async (dir) => {
    assert.deepEqual(loadConfig({}, {}, dir), {
      port: 8080, host: '0.0.0.0', dataDir: join(dir, 'data'), couchdbPrefix: 'guanxi-', logLevel: 'info', trustProxy: false,
      digestHourUtc: 0, complaintOpenHours: 72,
    });
  }));

  test('every setting from the environment', () => inDir(async (dir) => {
    const config = loadConfig({
      PORT: '3000', HOST: '127.0.0.1', GUANXI_DATA_DIR: 'var/guanxi', COUCHDB_URL: 'http://admin:pw@couch:5984',
      COUCHDB_PREFIX: 'acme-', LOG_LEVEL: 'debug', TRUST_PROXY: 'loopback', DIGEST_HOUR_UTC: '1', COMPLAINT_OPEN_HOURS: '48',
    }, {}, dir);
    assert.deepEqual(config, {
      port: 3000, host: '127.0.0.1', dataDir: join(dir, 'var/guanxi'), couchdbUrl: 'http://admin:pw@couch:5984',
      couchdbPrefix: 'acme-', logLevel: 'debug', trustProxy: ['loopback'], digestHourUtc: 1, complaintOpenHours: 48,
    });
  }));

  test('./guanxi.config.json is read when present; its relative data directory is relative to the file', () => inDir(async (dir) => {
    await writeJson(join(dir, 'guanxi.config.json'), { port: 9000, dataDir: 'store', logLevel: 'warn' });
    const config = loadConfig({}, {}, dir);
    assert.equal(config.port, 9000);
    assert.equal(config.dataDir, join(dir, 'store'));
    assert.equal(config.logLevel, 'warn');
  }));

  test('GUANXI_CONFIG names the file, instead of ./guanxi.config.json', () => inDir(async (dir) => {
    await mkdir(join(dir, 'etc'));
    await writeJson(join(dir, 'guanxi.config.json'), { port: 1111 });
    await writeJson(join(dir, 'etc', 'guanxi.json'), { port: 2222, dataDir: '../srv' });
    const config = loadConfig({ GUANXI_CONFIG: 'etc/guanxi.json' }, {}, dir);
    assert.equal(config.port, 2222);
    assert.equal(config.dataDir, join(dir, 'srv'));
  }));

  test('the environment wins over the file, and command-line flags over both', () => inDir(async (dir) => {
    await writeJson(join(dir, 'guanxi.config.json'), { port: 9000, host: '10.0.0.1', logLevel: 'warn', couchdbPrefix: 'file-' });
    const env = { PORT: '9001', HOST: '10.0.0.2' };
    const fromEnv = loadConfig(env, {}, dir);
    assert.equal(fromEnv.port, 9001);
    assert.equal(fromEnv.host, '10.0.0.2');
    assert.equal(fromEnv.logLevel, 'warn');
    assert.equal(fromEnv.couchdbPrefix, 'file-');
    const fromFlags = loadConfig(env, { port: '9002' }, dir);
    assert.equal(fromFlags.port, 9002);
    assert.equal(fromFlags.host, '10.0.0.2');
  }));

  test('an empty environment variable counts as unset', () => inDir(async (dir) => {
    await writeJson(join(dir, 'guanxi.config.json'), { port: 9000 });
    const config = loadConfig({ PORT: '', COUCHDB_URL: '', LOG_LEVEL: '' }, {}, dir);
    assert.equal(config.port, 9000);
    assert.equal(config.couchdbUrl, undefined);
    assert.equal(config.logLevel, 'info');
  }));

  test('trust proxy: false, true, a number of proxies, or addresses, subnets and named ranges', () => inDir(async (dir) => {
    const cases: [string, unknown][] = [
      ['false', false], ['TRUE', true], ['2', 2],
      ['loopback, 10.0.0.0/8, fd00::/8, 192.168.1.7', ['loopback', '10.0.0.0/8', 'fd00::/8', '192.168.1.7']],
    ];
    for (const [value, expected] of cases) assert.deepEqual(loadConfig({ TRUST_PROXY: value }, {}, dir).trustProxy, expected, value);
    await writeJson(join(dir, 'guanxi.config.json'), { trustProxy: ['uniquelocal', '::1'] });
    assert.deepEqual(loadConfig({}, {}, dir).trustProxy, ['uniquelocal', '::1']);
    await writeJson(join(dir, 'guanxi.config.json'), { trustProxy: 1 });
    assert.equal(loadConfig({}, {}, dir).trustProxy, 1);
  }));

  test('port 0 (any free port) is allowed', () => inDir(async (dir) => {
    assert.equal(loadConfig({ PORT: '0' }, {}, dir).port, 0);
  }));

  test('scheduled backups: a directory relative to the file, a cron expression and how many to keep', () => inDir(async (dir) => {
    await writeJson(join(dir, 'guanxi.config.json'), { backupDir: '备份', backupCron: '0 30 1 * * *', backupKeep: 14 });
    const config = loadConfig({}, {}, dir);
    assert.deepEqual([config.backupDir, config.backupCron, config.backupKeep], [join(dir, '备份'), '0 30 1 * * *', 14]);
    assertConfigError(() => loadConfig({ BACKUP_KEEP: '0' }, {}, dir), /^BACKUP_KEEP \(environment\)/, /number of backups to keep must be an integer from 1/);
    assertConfigError(() => loadConfig({ BACKUP_CRON: 'nightly' }, {}, dir), /^BACKUP_CRON \(environment\)/, /not a cron expression/);
  }));

  describe('errors name the setting and where it came from', () => {
    for (const port of ['abc', '70000', '-1', '80.5', '8080x']) {
      test(`PORT=${port}`, () => inDir(async (dir) => {
        assertConfigError(() => loadConfig({ PORT: port }, {}, dir), /^PORT \(environment\)/, /port must be an integer from 0 to 65535/, new RegExp(`"${port}"`));
      }));
    }

    test('mail gateway settings', () => inDir(async (dir) => {
      assert.deepEqual(
        [loadConfig({ MAIL_GATEWAY: 'off', MAIL_POLL_SECONDS: '15', SCHEDULER_CRON: '0 * * * * *' }, {}, dir)].map(({ mailGateway, mailPollSeconds, schedulerCron }) => ({ mailGateway, mailPollSeconds, schedulerCron })),
        [{ mailGateway: false, mailPollSeconds: 15, schedulerCron: '0 * * * * *' }],
      );
      assertConfigError(() => loadConfig({ MAIL_GATEWAY: 'maybe' }, {}, dir), /^MAIL_GATEWAY \(environment\): the mail gateway setting must be true or false/);
      assertConfigError(() => loadConfig({ MAIL_POLL_SECONDS: '0' }, {}, dir), /^MAIL_POLL_SECONDS \(environment\): .*from 1 to 86400, got "0"/);
      assertConfigError(() => loadConfig({ SCHEDULER_CRON: 'every minute' }, {}, dir), /^SCHEDULER_CRON \(environment\): "every minute" is not a cron expression/);
    }));

    test('a bad port in the file', () => inDir(async (dir) => {
      const file = join(dir, 'guanxi.config.json');
      await writeJson(file, { port: 'eighty' });
      assertConfigError(() => loadConfig({}, {}, dir), /port must be an integer/);
      await writeJson(file, { port: 1e6 });
      assertConfigError(() => loadConfig({}, {}, dir), new RegExp(`"port" in ${file.replace(/[.]/g, '\\.')}`));
    }));

    test('a bad --port flag', () => inDir(async (dir) => {
      assertConfigError(() => loadConfig({}, { port: 'http' }, dir), /^--port:/);
    }));

    test('an unknown log level', () => inDir(async (dir) => {
      assertConfigError(() => loadConfig({ LOG_LEVEL: 'verbose' }, {}, dir), /^LOG_LEVEL \(environment\)/, /fatal, error, warn, info, debug, trace, silent/);
      await writeJson(join(dir, 'guanxi.config.json'), { logLevel: 'loud' });
      assertConfigError(() => loadConfig({}, {}, dir), /"logLevel" in .*guanxi\.config\.json/);
    }));

    test('a malformed CouchDB URL, without echoing it (it may hold a password)', () => inDir(async (dir) => {
      for (const url of ['not a url', 'admin:secret@couch:5984', 'ftp://admin:secret@couch']) {
        assertConfigError(() => loadConfig({ COUCHDB_URL: url }, {}, dir), /^COUCHDB_URL \(environment\)/, /http:\/\/ or https:\/\//);
        assert.throws(() => loadConfig({ COUCHDB_URL: url }, {}, dir), (error: Error) => !error.message.includes('secret'));
      }
      await writeJson(join(dir, 'guanxi.config.json'), { couchdbUrl: 42 });
      assertConfigError(() => loadConfig({}, {}, dir), /"couchdbUrl" in/);
    }));

    test('a bad digest hour or complaint time', () => inDir(async (dir) => {
      assertConfigError(() => loadConfig({ DIGEST_HOUR_UTC: '24' }, {}, dir), /^DIGEST_HOUR_UTC \(environment\): digest hour \(UTC\) must be an integer from 0 to 23, got "24"/);
      assertConfigError(() => loadConfig({ COMPLAINT_OPEN_HOURS: '0' }, {}, dir), /^COMPLAINT_OPEN_HOURS \(environment\): hours a complaint may stay open must be an integer from 1/);
    }));

    test('a bad trust proxy setting', () => inDir(async (dir) => {
      for (const value of ['yes', '10.0.0.0/33', 'localhost', '1.2.3', '-1', ',']) {
        assertConfigError(() => loadConfig({ TRUST_PROXY: value }, {}, dir), /^TRUST_PROXY \(environment\): trust proxy must be true, false, a number of proxies, or a comma-separated list/);
      }
      for (const value of [[], [7], 1.5, {}]) {
        await writeJson(join(dir, 'guanxi.config.json'), { trustProxy: value });
        assertConfigError(() => loadConfig({}, {}, dir), /"trustProxy" in .*: trust proxy must be/);
      }
    }));

    test('a bad CouchDB prefix', () => inDir(async (dir) => {
      assertConfigError(() => loadConfig({ COUCHDB_PREFIX: 'Guanxi_' }, {}, dir), /^COUCHDB_PREFIX \(environment\)/, /lower-case letter/);
    }));

    test('an empty host or data directory in the file', () => inDir(async (dir) => {
      await writeJson(join(dir, 'guanxi.config.json'), { host: ' ' });
      assertConfigError(() => loadConfig({}, {}, dir), /"host" in/, /non-empty string/);
      await writeJson(join(dir, 'guanxi.config.json'), { dataDir: 7 });
      assertConfigError(() => loadConfig({}, {}, dir), /"dataDir" in/);
    }));

    test('GUANXI_CONFIG names a file that does not exist', () => inDir(async (dir) => {
      assertConfigError(() => loadConfig({ GUANXI_CONFIG: 'missing.json' }, {}, dir), /Cannot read configuration file .*missing\.json \(named by GUANXI_CONFIG in the environment\)/, /ENOENT/);
    }));

    // A directory in the file's place: unreadable even to root, which ignores file modes.
    test('an unreadable file', () => inDir(async (dir) => {
      await mkdir(join(dir, 'guanxi.config.json'));
      assertConfigError(() => loadConfig({}, {}, dir), /Cannot read configuration file .*guanxi\.config\.json: /, /EISDIR/);
    }));

    test('a file that is not JSON, or not a JSON object', () => inDir(async (dir) => {
      const file = join(dir, 'guanxi.config.json');
      await writeFile(file, '{ port: 8080 }');
      assertConfigError(() => loadConfig({}, {}, dir), /guanxi\.config\.json is not valid JSON/);
      await writeFile(file, '[8080]');
      assertConfigError(() => loadConfig({}, {}, dir), /must hold a JSON object/);
    }));

    test('an unknown key in the file, such as a typo, is an error', () => inDir(async (dir) => {
      await writeJson(join(dir, 'guanxi.config.json'), { prot: 9000, logLevel: 'info', couchdbURL: 'http://x' });
      assertConfigError(() => loadConfig({}, {}, dir), /unknown keys "prot", "couchdbURL"/, /known keys are port, host, dataDir, couchdbUrl, couchdbPrefix, logLevel, trustProxy, mailGateway, mailPollSeconds, schedulerCron, faxEmailDomain, hylafaxHost, hylafaxUser, publicUrl, digestHourUtc, complaintOpenHours, backupDir, backupCron, backupKeep, replica$/);
    }));

    test('the file is checked even when the environment overrides every key in it', () => inDir(async (dir) => {
      await writeJson(join(dir, 'guanxi.config.json'), { port: 9000, extra: true });
      assertConfigError(() => loadConfig({ PORT: '1' }, {}, dir), /unknown key "extra"/);
    }));
  });
});

describe('redactUrl', () => {
  test('replaces the password and keeps the rest', () => {
    assert.equal(redactUrl('http://admin:s3cr%40t@couch.example:5984/'), 'http://admin:***@couch.example:5984/');
    assert.equal(redactUrl('https://admin:pw@couch/guanxi-crm?x=1'), 'https://admin:***@couch/guanxi-crm?x=1');
  });

  test('leaves a URL without a password alone', () => {
    assert.equal(redactUrl('http://couch:5984/'), 'http://couch:5984/');
    assert.equal(redactUrl('http://admin@couch:5984/'), 'http://admin@couch:5984/');
  });

  test('still hides a password in text that does not parse as a URL', () => {
    assert.equal(redactUrl('http://admin:secret@[bad'), 'http://admin:***@[bad');
  });

  test('redactCredentials hides every password in a message', () => {
    assert.equal(
      redactCredentials('connect ECONNREFUSED for http://a:one@h1:5984/db and https://b:two@h2/'),
      'connect ECONNREFUSED for http://a:***@h1:5984/db and https://b:***@h2/',
    );
  });
});

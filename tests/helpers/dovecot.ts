import { execFile, spawn } from 'node:child_process';
import { chmod, chown, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, connect } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { ImapFlow } from 'imapflow';
import { expectEventually } from './expect-eventually.js';

const run = promisify(execFile);

export interface MailUser {
  readonly user: string;
  readonly password: string;
}

export interface Dovecot {
  readonly host: string;
  readonly port: number;
  /** An IMAP client signed in as `user`, for the test to append, create and delete mailboxes. */
  client(user: MailUser): Promise<ImapFlow>;
  /** Appends raw messages to a mailbox (created when missing), as delivery would. */
  append(user: MailUser, mailbox: string, messages: readonly (string | Uint8Array)[]): Promise<void>;
  /** Drops every connection of `user`, as a server restart or a network failure would. */
  kick(user: MailUser): Promise<void>;
  /** Deletes and recreates a mailbox: Dovecot gives it a new UIDVALIDITY and new UIDs. */
  recreate(user: MailUser, mailbox: string): Promise<void>;
  stop(): Promise<void>;
}

/**
 * A real Dovecot IMAP server of the test's own: configuration, passwd-file users and maildirs in a
 * temporary directory, plain IMAP on loopback on an ephemeral port. Needs Debian's dovecot-imapd
 * (scripts/ensure-test-tools.sh installs it); no system service is used or touched.
 */
export async function startDovecot(users: readonly MailUser[]): Promise<Dovecot> {
  const dir = await mkdtemp(join(tmpdir(), 'guanxi-dovecot-'));
  // Dovecot's own processes (imap runs as the mail owner) must reach the directory.
  await chmod(dir, 0o755);
  const port = await freePort();
  const asRoot = process.getuid?.() === 0;
  // Dovecot refuses mail access as root: as root the mail belongs to Dovecot's own system user.
  const owner = asRoot ? 'dovecot' : userInfo().username;
  const mailDir = join(dir, 'mail');
  await mkdir(mailDir);
  if (asRoot) {
    const { uid, gid } = await systemUser(owner);
    await chown(mailDir, uid, gid);
  }
  await writeFile(join(dir, 'passwd'), users.map(({ user, password }) => `${user}:{PLAIN}${password}::::::\n`).join(''));
  const config = join(dir, 'dovecot.conf');
  await writeFile(config, `
base_dir = ${dir}/run
state_dir = ${dir}/state
log_path = ${dir}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${mailDir}/%u
first_valid_uid = 1
first_valid_gid = 1
${asRoot ? '' : `default_login_user = ${owner}\ndefault_internal_user = ${owner}\n`}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${dir}/passwd
}
userdb {
  driver = static
  args = uid=${owner} gid=${asRoot ? owner : userInfo().gid} home=${mailDir}/%u
}
service imap-login {
  inet_listener imap {
    address = 127.0.0.1
    port = ${port}
  }
  inet_listener imaps {
    port = 0
  }
}
service auth {
  unix_listener auth-userdb {
    mode = 0666
  }
}
`);
  const child = spawn(dovecotBinary(), ['-F', '-c', config], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await expectEventually(async () => {
      if (child.exitCode !== null) throw new Error(`dovecot exited (${child.exitCode}): ${stderr}`);
      await canConnect(port);
    }, { timeoutMs: 10_000, intervalMs: 50 });
  } catch (error) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    throw error;
  }

  const client = async ({ user, password }: MailUser) => {
    const imap = new ImapFlow({ host: '127.0.0.1', port, secure: false, auth: { user, pass: password }, logger: false });
    await imap.connect();
    return imap;
  };
  const withClient = async (user: MailUser, work: (imap: ImapFlow) => Promise<void>) => {
    const imap = await client(user);
    try {
      await work(imap);
    } finally {
      await imap.logout();
    }
  };
  return {
    host: '127.0.0.1',
    port,
    client,
    append: (user, mailbox, messages) => withClient(user, async (imap) => {
      if (mailbox !== 'INBOX') await imap.mailboxCreate(mailbox).catch(() => undefined);
      for (const message of messages) await imap.append(mailbox, typeof message === 'string' ? message : Buffer.from(message));
    }),
    kick: async ({ user }) => {
      await run('/usr/bin/doveadm', ['-c', config, 'kick', user]);
    },
    recreate: (user, mailbox) => withClient(user, async (imap) => {
      await imap.mailboxDelete(mailbox);
      await imap.mailboxCreate(mailbox);
    }),
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

function dovecotBinary(): string {
  return process.env.DOVECOT_BIN ?? '/usr/sbin/dovecot';
}

async function systemUser(name: string): Promise<{ uid: number; gid: number }> {
  const [{ stdout: uid }, { stdout: gid }] = await Promise.all([run('id', ['-u', name]), run('id', ['-g', name])]);
  return { uid: Number(uid.trim()), gid: Number(gid.trim()) };
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export function canConnect(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve();
    });
    socket.once('error', reject);
  });
}

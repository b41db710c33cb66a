import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { randomBytes } from 'node:crypto';
import { expectEventually } from './expect-eventually.js';

/** The Apache CouchDB 3.5 release beside the project (../shared/couchdb), as couchdb.sh uses it. */
const RELEASE = process.env.COUCHDB_RELEASE ?? fileURLToPath(new URL('../../../shared/couchdb/apache-couchdb-3.5.0-debian12-amd64.tar.gz', import.meta.url));
const ADMIN = { user: 'admin', password: 'admin' };
/**
 * Loopback, but not 127.0.0.1: `/_cluster_setup` refuses a node bound to 127.0.0.1 (it expects
 * nodes on other machines), and the whole of 127.0.0.0/8 is this machine alone.
 */
const HOST = '127.0.0.2';

export interface ClusterOptions {
  /** Each node's HTTP port (on 127.0.0.2). */
  readonly ports: readonly number[];
  /** Each node's Erlang distribution port, fixed so that nodes on one machine do not collide. */
  readonly distributionPorts: readonly number[];
  /** Shards per database and copies of each; q=2, n=3 by default. */
  readonly q?: number;
  readonly n?: number;
}

export interface CouchCluster {
  /** The first node's URL with the administrator's credentials: any node answers for the whole cluster. */
  readonly url: string;
  readonly nodeUrls: readonly string[];
  /** Stops a node (as a crash or a maintenance would), its data kept. */
  stopNode(index: number): Promise<void>;
  /** Starts a stopped node again on its data; it catches up from the others. */
  startNode(index: number): Promise<void>;
  close(): Promise<void>;
}

export function clusterAvailable(): boolean {
  return existsSync(RELEASE);
}

/**
 * A cluster of Apache CouchDB nodes on loopback, from the one release: distinct node names and
 * ports, one Erlang cookie, joined with `/_cluster_setup` (enable_cluster, add_node,
 * finish_cluster) as the CouchDB documentation's "Cluster Set Up" describes.
 */
export async function startCouchCluster(options: ClusterOptions): Promise<CouchCluster> {
  const { ports, distributionPorts, q = 2, n = 3 } = options;
  const work = await mkdtemp(join(tmpdir(), 'guanxi-cluster-'));
  await runToEnd('tar', ['-xzf', RELEASE, '-C', work]);
  const release = join(work, 'couchdb');
  const cookie = randomBytes(16).toString('hex');
  const baseArgs = await readFile(join(release, 'etc', 'vm.args'), 'utf8');
  const nodes = await Promise.all(ports.map(async (port, i) => {
    const dir = join(work, `node-${port}`);
    await mkdir(join(dir, 'data'), { recursive: true });
    await writeFile(join(dir, 'node.ini'), [
      '[couchdb]', `database_dir = ${dir}/data`, `view_index_dir = ${dir}/data`, `uuid = ${cookie}`,
      '[chttpd]', `bind_address = ${HOST}`, `port = ${port}`,
      '[chttpd_auth]', `secret = ${cookie}`,
      '[cluster]', `q = ${q}`, `n = ${n}`,
      '[admins]', `${ADMIN.user} = ${ADMIN.password}`,
      '[log]', 'writer = file', `file = ${dir}/couchdb.log`, 'level = warning', '',
    ].join('\n'));
    const args = baseArgs.replace(/^-name .*$/m, `-name ${nodeName(port)}`).replace(/^-kernel inet_dist_use_interface .*$/m, `-kernel inet_dist_use_interface {${HOST.replaceAll('.', ',')}}`);
    await writeFile(join(dir, 'vm.args'), `${args}
-setcookie ${cookie}
-kernel inet_dist_listen_min ${distributionPorts[i]} inet_dist_listen_max ${distributionPorts[i]}
`);
    return { port, dir, url: `http://${ADMIN.user}:${ADMIN.password}@${HOST}:${port}`, process: undefined as ChildProcess | undefined };
  }));

  const startNode = async (index: number) => {
    const node = nodes[index]!;
    node.process = spawn(join(release, 'bin', 'couchdb'), [], {
      env: { ...process.env, COUCHDB_INI_FILES: `${join(release, 'etc', 'default.ini')} ${join(node.dir, 'node.ini')}`, COUCHDB_ARGS_FILE: join(node.dir, 'vm.args') },
      stdio: 'ignore',
      detached: true,
    });
    await expectEventually(async () => {
      if (node.process?.exitCode !== null) throw new Error(`CouchDB node ${node.port} exited; see ${node.dir}/couchdb.log`);
      const answer = await fetch(`http://${HOST}:${node.port}/`);
      if (!answer.ok) throw new Error(`node ${node.port} answered ${answer.status}`);
    }, { timeoutMs: 60_000 });
  };
  const stopNode = async (index: number) => {
    const node = nodes[index]!;
    const child = node.process;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    await exited;
    node.process = undefined;
  };
  const close = async () => {
    await Promise.all(nodes.map((_node, i) => stopNode(i)));
    await rm(work, { recursive: true, force: true });
  };

  try {
    await Promise.all(nodes.map((_node, i) => startNode(i)));
    await join3(nodes.map((node) => node.port));
  } catch (error) {
    await close();
    throw error;
  }
  return { url: nodes[0]!.url, nodeUrls: nodes.map((node) => node.url), stopNode, startNode, close };
}

function nodeName(port: number): string {
  return `couchdb-${port}@${HOST}`;
}

/** The documented setup, run on the first node: each other node is enabled and added, then the cluster finished. */
async function join3(ports: readonly number[]): Promise<void> {
  const [first, ...others] = ports;
  const setup = (body: object) => admin(first!, 'POST', '/_cluster_setup', body).catch((error: unknown) => {
    // A node started with an administrator and a bind address that is not 127.0.0.1 counts as enabled already.
    if (!String(error).includes('Cluster is already enabled')) throw error;
  });
  await setup({ action: 'enable_cluster', bind_address: HOST, username: ADMIN.user, password: ADMIN.password, port: first, node_count: ports.length });
  for (const port of others) {
    await setup({ action: 'enable_cluster', bind_address: HOST, username: ADMIN.user, password: ADMIN.password, port, node_count: ports.length, remote_node: HOST, remote_current_user: ADMIN.user, remote_current_password: ADMIN.password });
    await setup({ action: 'add_node', host: HOST, port, name: nodeName(port).split('@')[0], username: ADMIN.user, password: ADMIN.password });
  }
  await setup({ action: 'finish_cluster' });
  await expectEventually(async () => {
    const membership = await admin(first!, 'GET', '/_membership') as { cluster_nodes: string[] };
    if (membership.cluster_nodes.length !== ports.length) throw new Error(`cluster has ${membership.cluster_nodes.length} nodes`);
  }, { timeoutMs: 30_000 });
}

async function admin(port: number, method: string, path: string, body?: object): Promise<unknown> {
  const answer = await fetch(`http://${HOST}:${port}${path}`, {
    method,
    headers: { authorization: `Basic ${Buffer.from(`${ADMIN.user}:${ADMIN.password}`).toString('base64')}`, 'content-type': 'application/json' },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await answer.text();
  if (!answer.ok) throw new Error(`${method} ${path} on ${port}: ${answer.status} ${text}`);
  return JSON.parse(text) as unknown;
}

function runToEnd(command: string, args: readonly string[]): Promise<void> {
  const child = spawn(command, args, { stdio: 'inherit' });
  return once(child, 'exit').then(([code]) => {
    if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${String(code)}`);
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { dirname, resolve } from 'node:path';
import cron from 'node-cron';

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface Config {
  readonly port: number;
  readonly host: string;
  /** Absolute. Used by the embedded store; ignored when `couchdbUrl` is set. */
  readonly dataDir: string;
  /** Apache CouchDB with administrator credentials: never log it unredacted (see `redactUrl`). */
  readonly couchdbUrl?: string;
  readonly couchdbPrefix: string;
  readonly logLevel: LogLevel;
  /**
   * Which proxies in front of Guanxi to believe about the client (X-Forwarded-For and -Proto):
   * none (false), all (true, only when nothing else can reach Guanxi), the nearest n, or these
   * addresses and subnets. A trusted proxy that terminates TLS makes session cookies Secure.
   */
  readonly trustProxy: TrustProxy;
  /** `false` keeps the mail gateway and scheduler off; by default they run (importing and sending only for configured accounts). */
  readonly mailGateway?: boolean;
  /** How often to look for new mail where the IMAP server does not announce it (IDLE); 60 by default. */
  readonly mailPollSeconds?: number;
  /** node-cron expression of the scheduler's tick; every 30 seconds by default. */
  readonly schedulerCron?: string;
  /** The e-mail-to-fax service's domain: a fax to +86 21 1234 5678 is mailed to 862112345678@<domain>. */
  readonly faxEmailDomain?: string;
  /** A HylaFAX server (`host` or `host:port`, port 4559 by default): faxes go to its `sendfax` instead of e-mail to fax. */
  readonly hylafaxHost?: { readonly host: string; readonly port: number };
  /** The user HylaFAX jobs are submitted as (the job owner); `guanxi` by default. */
  readonly hylafaxUser?: string;
  /** Where people outside reach this server, e.g. https://crm.example.com: the unsubscribe links of mass mail. */
  readonly publicUrl?: string;
  /** When daily forum digests are due: an hour of the day, UTC (0 = 08:00 in China). */
  readonly digestHourUtc: number;
  /** A complaint open longer than this is flagged and its manager notified. */
  readonly complaintOpenHours: number;
  /** Absolute. Where scheduled backups are written; none are made without it. */
  readonly backupDir?: string;
  /** node-cron expression (with seconds) of the scheduled backups; daily at 02:00 by default. */
  readonly backupCron?: string;
  /** How many scheduled backups to keep in `backupDir` (the oldest are removed); 7 by default. */
  readonly backupKeep?: number;
  /**
   * Where the embedded store keeps a live replica of every database, as Notes servers replicate:
   * an Apache CouchDB (http(s) URL with administrator credentials; databases named with
   * `couchdbPrefix`) or another data directory (absolute). Either can be started on as is.
   */
  readonly replica?: ReplicaTarget;
}

export type ReplicaTarget = { readonly kind: 'couchdb'; readonly url: string } | { readonly kind: 'directory'; readonly path: string };

/** As express's `trust proxy` setting takes it. */
export type TrustProxy = boolean | number | readonly string[];

/** Settings given on the command line: they win over the environment. */
export interface ConfigFlags {
  /** A configuration file, instead of GUANXI_CONFIG or ./guanxi.config.json. */
  readonly config?: string;
  readonly port?: string;
  readonly host?: string;
  readonly dataDir?: string;
}

/** A setting that cannot be used; the message names the setting and where it came from. */
export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

type Key = keyof Config;

/** The keys a configuration file may hold, and the environment variable that overrides each. */
const ENV_VARS: Readonly<Record<Key, string>> = {
  port: 'PORT',
  host: 'HOST',
  dataDir: 'GUANXI_DATA_DIR',
  couchdbUrl: 'COUCHDB_URL',
  couchdbPrefix: 'COUCHDB_PREFIX',
  logLevel: 'LOG_LEVEL',
  trustProxy: 'TRUST_PROXY',
  mailGateway: 'MAIL_GATEWAY',
  mailPollSeconds: 'MAIL_POLL_SECONDS',
  schedulerCron: 'SCHEDULER_CRON',
  faxEmailDomain: 'FAX_EMAIL_DOMAIN',
  hylafaxHost: 'HYLAFAX_HOST',
  hylafaxUser: 'HYLAFAX_USER',
  publicUrl: 'PUBLIC_URL',
  digestHourUtc: 'DIGEST_HOUR_UTC',
  complaintOpenHours: 'COMPLAINT_OPEN_HOURS',
  backupDir: 'BACKUP_DIR',
  backupCron: 'BACKUP_CRON',
  backupKeep: 'BACKUP_KEEP',
  replica: 'REPLICA',
};

const FLAGS: Readonly<Partial<Record<Key, string>>> = { port: '--port', host: '--host', dataDir: '--data-dir' };

export const DEFAULT_CONFIG_FILE = 'guanxi.config.json';

/** A raw value and where it came from, for error messages and for resolving relative paths. */
interface Setting {
  readonly value: unknown;
  readonly source: string;
  /** Relative paths resolve against this directory. */
  readonly base: string;
}

/**
 * Reads the configuration: command-line flags, then environment variables, then the JSON file
 * (GUANXI_CONFIG, else ./guanxi.config.json if present), then the defaults. An empty environment
 * variable counts as unset. Throws a ConfigError naming the setting and its source.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, flags: ConfigFlags = {}, cwd = process.cwd()): Config {
  const file = readConfigFile(env, flags, cwd);
  const pick = (key: Key): Setting | undefined => {
    const flag = FLAGS[key];
    const flagValue = flags[key as keyof ConfigFlags];
    if (flag && flagValue !== undefined) return { value: flagValue, source: flag, base: cwd };
    const envValue = env[ENV_VARS[key]];
    if (envValue !== undefined && envValue !== '') return { value: envValue, source: `${ENV_VARS[key]} (environment)`, base: cwd };
    if (file && Object.hasOwn(file.values, key)) return { value: file.values[key], source: `"${key}" in ${file.path}`, base: dirname(file.path) };
    return undefined;
  };
  const couchdbUrl = pick('couchdbUrl');
  const dataDir = parseDataDir(pick('dataDir'), cwd);
  return {
    port: parseWholeNumber(pick('port'), 'port', 8080, 0, 65535),
    host: parseHost(pick('host')),
    dataDir,
    ...(couchdbUrl ? { couchdbUrl: parseCouchdbUrl(couchdbUrl) } : {}),
    couchdbPrefix: parsePrefix(pick('couchdbPrefix')),
    logLevel: parseLogLevel(pick('logLevel')),
    trustProxy: parseTrustProxy(pick('trustProxy')),
    ...parseMailSettings(pick('mailGateway'), pick('mailPollSeconds'), pick('schedulerCron')),
    ...parseFaxDomain(pick('faxEmailDomain')),
    ...parseHylafax(pick('hylafaxHost'), pick('hylafaxUser')),
    ...parsePublicUrl(pick('publicUrl')),
    digestHourUtc: parseWholeNumber(pick('digestHourUtc'), 'digest hour (UTC)', 0, 0, 23),
    complaintOpenHours: parseWholeNumber(pick('complaintOpenHours'), 'hours a complaint may stay open', 72, 1, 24 * 365),
    ...parseBackupSettings(pick('backupDir'), pick('backupCron'), pick('backupKeep')),
    ...parseReplica(pick('replica'), couchdbUrl, dataDir),
  };
}

function readConfigFile(env: NodeJS.ProcessEnv, flags: ConfigFlags, cwd: string): { path: string; values: Record<string, unknown> } | undefined {
  let path: string;
  let namedBy = '';
  if (flags.config !== undefined) {
    [path, namedBy] = [resolve(cwd, flags.config), ' (named by --config)'];
  } else if (env.GUANXI_CONFIG) {
    [path, namedBy] = [resolve(cwd, env.GUANXI_CONFIG), ' (named by GUANXI_CONFIG in the environment)'];
  } else {
    path = resolve(cwd, DEFAULT_CONFIG_FILE);
    if (!existsSync(path)) return undefined;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`Cannot read configuration file ${path}${namedBy}: ${(error as Error).message}`);
  }
  let values: unknown;
  try {
    values = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`Configuration file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (values === null || typeof values !== 'object' || Array.isArray(values)) {
    throw new ConfigError(`Configuration file ${path} must hold a JSON object`);
  }
  // A misspelt key must not be silently ignored.
  const unknown = Object.keys(values).filter((key) => !Object.hasOwn(ENV_VARS, key));
  if (unknown.length > 0) {
    throw new ConfigError(`Configuration file ${path} has unknown ${unknown.length === 1 ? 'key' : 'keys'} ${unknown.map((k) => JSON.stringify(k)).join(', ')}; known keys are ${Object.keys(ENV_VARS).join(', ')}`);
  }
  return { path, values: values as Record<string, unknown> };
}


function parseWholeNumber(setting: Setting | undefined, what: string, fallback: number, min: number, max: number): number {
  if (!setting) return fallback;
  const { value, source } = setting;
  const number = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!Number.isInteger(number) || number < min || number > max) {
    throw new ConfigError(`${source}: ${what} must be an integer from ${min} to ${max}, got ${JSON.stringify(value)}`);
  }
  return number;
}

function parseHost(setting: Setting | undefined): string {
  if (!setting) return '0.0.0.0';
  return nonEmptyString(setting, 'host').trim();
}

function parseDataDir(setting: Setting | undefined, cwd: string): string {
  if (!setting) return resolve(cwd, 'data');
  return resolve(setting.base, nonEmptyString(setting, 'data directory'));
}

function parseCouchdbUrl(setting: Setting): string {
  const text = nonEmptyString(setting, 'CouchDB URL');
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  // The value is left out of the message: it may hold a password.
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) {
    throw new ConfigError(`${setting.source}: CouchDB URL must be an http:// or https:// URL such as http://admin:password@localhost:5984`);
  }
  return text;
}

// CouchDB database names start with a lower-case letter and use only these characters.
const COUCHDB_PREFIX = /^(?:[a-z][a-z0-9_$()+/-]*)?$/;

function parsePrefix(setting: Setting | undefined): string {
  if (!setting) return 'guanxi-';
  const { value, source } = setting;
  if (typeof value !== 'string' || !COUCHDB_PREFIX.test(value)) {
    throw new ConfigError(`${source}: CouchDB database prefix must start with a lower-case letter and use only a-z 0-9 _ $ ( ) + - /, got ${JSON.stringify(value)}`);
  }
  return value;
}

function parseLogLevel(setting: Setting | undefined): LogLevel {
  if (!setting) return 'info';
  const { value, source } = setting;
  const level = typeof value === 'string' ? value.trim().toLowerCase() : value;
  if (!LOG_LEVELS.includes(level as LogLevel)) {
    throw new ConfigError(`${source}: log level must be one of ${LOG_LEVELS.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return level as LogLevel;
}

/** Names that express's `trust proxy` knows for the loopback, link-local and private ranges. */
const PROXY_RANGES = ['loopback', 'linklocal', 'uniquelocal'];

function parseTrustProxy(setting: Setting | undefined): TrustProxy {
  if (!setting) return false;
  const { value, source } = setting;
  const text = typeof value === 'string' ? value.trim().toLowerCase() : undefined;
  if (typeof value === 'boolean' || text === 'true' || text === 'false') return value === true || text === 'true';
  if (typeof value === 'number' || (text !== undefined && /^\d+$/.test(text))) {
    const hops = Number(value);
    if (Number.isInteger(hops) && hops >= 0) return hops;
  }
  const list = text !== undefined ? text.split(',').map((part) => part.trim()) : value;
  if (Array.isArray(list) && list.length > 0 && list.every(isProxyAddress)) return list as string[];
  throw new ConfigError(`${source}: trust proxy must be true, false, a number of proxies, or a comma-separated list of addresses, subnets (such as 10.0.0.0/8) or ${PROXY_RANGES.join(', ')}; got ${JSON.stringify(value)}`);
}

function isProxyAddress(entry: unknown): boolean {
  if (typeof entry !== 'string') return false;
  if (PROXY_RANGES.includes(entry)) return true;
  const [address = '', prefix, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  return prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= (version === 4 ? 32 : 128));
}

function parseMailSettings(gateway: Setting | undefined, poll: Setting | undefined, cronSetting: Setting | undefined): Pick<Config, 'mailGateway' | 'mailPollSeconds' | 'schedulerCron'> {
  const out: { mailGateway?: boolean; mailPollSeconds?: number; schedulerCron?: string } = {};
  if (gateway) {
    const { value, source } = gateway;
    if (value === true || value === 'true' || value === 'on') out.mailGateway = true;
    else if (value === false || value === 'false' || value === 'off') out.mailGateway = false;
    else throw new ConfigError(`${source}: the mail gateway setting must be true or false (on or off), got ${JSON.stringify(value)}`);
  }
  if (poll) {
    const { value, source } = poll;
    const seconds = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value.trim()) ? Number(value) : NaN;
    if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) throw new ConfigError(`${source}: the mail poll interval must be a whole number of seconds from 1 to 86400, got ${JSON.stringify(value)}`);
    out.mailPollSeconds = seconds;
  }
  if (cronSetting) {
    const expression = nonEmptyString(cronSetting, 'scheduler cron expression').trim();
    if (!cron.validate(expression)) throw new ConfigError(`${cronSetting.source}: ${JSON.stringify(expression)} is not a cron expression (e.g. "*/30 * * * * *" for every 30 seconds)`);
    out.schedulerCron = expression;
  }
  return out;
}

function parseBackupSettings(dir: Setting | undefined, cronSetting: Setting | undefined, keep: Setting | undefined): Pick<Config, 'backupDir' | 'backupCron' | 'backupKeep'> {
  const out: { backupDir?: string; backupCron?: string; backupKeep?: number } = {};
  if (dir) out.backupDir = resolve(dir.base, nonEmptyString(dir, 'backup directory'));
  if (cronSetting) {
    const expression = nonEmptyString(cronSetting, 'backup cron expression').trim();
    if (!cron.validate(expression)) throw new ConfigError(`${cronSetting.source}: ${JSON.stringify(expression)} is not a cron expression (e.g. "0 0 2 * * *" for every day at 02:00)`);
    out.backupCron = expression;
  }
  if (keep) out.backupKeep = parseWholeNumber(keep, 'number of backups to keep', 7, 1, 10_000);
  return out;
}

function parseReplica(setting: Setting | undefined, couchdbUrl: Setting | undefined, dataDir: string): Pick<Config, 'replica'> {
  if (!setting) return {};
  if (couchdbUrl) throw new ConfigError(`${setting.source}: a live replica is kept by the embedded store; with ${couchdbUrl.source} set, use CouchDB's own replication (its _replicator database)`);
  const text = nonEmptyString(setting, 'live replica').trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(text)) return { replica: { kind: 'couchdb', url: parseCouchdbUrl({ ...setting, value: text }) } };
  const path = resolve(setting.base, text);
  if (path === dataDir) throw new ConfigError(`${setting.source}: the live replica must be another data directory than the store's own (${dataDir})`);
  return { replica: { kind: 'directory', path } };
}

function parseFaxDomain(setting: Setting | undefined): Pick<Config, 'faxEmailDomain'> {
  if (!setting) return {};
  const domain = nonEmptyString(setting, 'fax e-mail domain').trim().toLowerCase();
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)+$/.test(domain)) throw new ConfigError(`${setting.source}: the fax e-mail domain must be a domain such as fax.example.com, got ${JSON.stringify(setting.value)}`);
  return { faxEmailDomain: domain };
}

function parseHylafax(hostSetting: Setting | undefined, userSetting: Setting | undefined): Pick<Config, 'hylafaxHost' | 'hylafaxUser'> {
  const out: { hylafaxHost?: { host: string; port: number }; hylafaxUser?: string } = {};
  if (hostSetting) {
    const text = nonEmptyString(hostSetting, 'HylaFAX server').trim();
    const match = /^([a-z0-9.-]+|\[[0-9a-f:]+\])(?::(\d{1,5}))?$/i.exec(text);
    const port = match?.[2] ? Number(match[2]) : 4559;
    if (!match || port < 1 || port > 65535) throw new ConfigError(`${hostSetting.source}: the HylaFAX server must be a host or host:port such as fax.example.com:4559, got ${JSON.stringify(hostSetting.value)}`);
    out.hylafaxHost = { host: match[1]!.replace(/^\[|\]$/g, ''), port };
  }
  if (userSetting) {
    const user = nonEmptyString(userSetting, 'HylaFAX user').trim();
    if (!/^[a-z_][a-z0-9_.-]{0,31}$/i.test(user)) throw new ConfigError(`${userSetting.source}: the HylaFAX user must be a login name such as guanxi, got ${JSON.stringify(userSetting.value)}`);
    out.hylafaxUser = user;
  }
  return out;
}

function parsePublicUrl(setting: Setting | undefined): Pick<Config, 'publicUrl'> {
  if (!setting) return {};
  const text = nonEmptyString(setting, 'public URL').trim();
  let url: URL | undefined;
  try {
    url = new URL(text);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash) throw new ConfigError(`${setting.source}: the public URL must be an http(s) address such as https://crm.example.com, got ${JSON.stringify(setting.value)}`);
  return { publicUrl: text.replace(/\/+$/, '') };
}

function nonEmptyString({ value, source }: Setting, what: string): string {
  if (typeof value !== 'string' || value.trim() === '') throw new ConfigError(`${source}: ${what} must be a non-empty string, got ${JSON.stringify(value)}`);
  return value;
}

const CREDENTIALS = /(\b[a-z][a-z0-9+.-]*:\/\/)([^/?#@\s]*)@/gi;

/** The URL with its password replaced by `***`, for logs and output. */
export function redactUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return redactCredentials(url);
  }
  if (parsed.password) parsed.password = '***';
  return parsed.href;
}

/** Text with the password of every `scheme://user:password@` in it replaced by `***`. */
export function redactCredentials(text: string): string {
  return text.replace(CREDENTIALS, (_match, scheme: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${scheme}${colon === -1 ? userinfo : `${userinfo.slice(0, colon)}:***`}@`;
  });
}

import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { createError } from '../../engine/errors.js';
import { BACKUP_FORMAT, BACKUP_VERSION, isBackupDb, type BackupDb, type BackupDoc } from './backup-format.js';

export interface BackupSummary {
  readonly createdAt: string;
  readonly engine: string;
  readonly counts: Readonly<Record<string, number>>;
}

/** Each revision in the file with the database it belongs to; checks the header and the end as it goes. */
export async function* backupRevisions(file: string, onEnd?: (summary: BackupSummary) => void): AsyncGenerator<{ db: BackupDb; doc: BackupDoc }> {
  const lines = createInterface({ input: createReadStream(file).pipe(createGunzip()), crlfDelay: Infinity });
  let header: { createdAt: string; engine: string } | undefined;
  let db: BackupDb | undefined;
  let ended = false;
  let number = 0;
  try {
    for await (const text of lines) {
      number++;
      if (text === '') continue;
      if (ended) throw notABackup(file, `line ${number} follows the end`);
      const line = parse(file, text, number);
      if (!header) {
        if (line.format !== BACKUP_FORMAT || line.version !== BACKUP_VERSION) throw notABackup(file, `it does not begin as a ${BACKUP_FORMAT} of version ${BACKUP_VERSION}`);
        header = { createdAt: String(line.createdAt), engine: String(line.engine) };
      } else if ('db' in line) {
        if (!isBackupDb(line.db)) throw notABackup(file, `line ${number} names an unknown database ${JSON.stringify(line.db)}`);
        db = line.db;
      } else if ('doc' in line && db) {
        const doc = line.doc as BackupDoc;
        if (typeof doc?._id !== 'string' || typeof doc._rev !== 'string') throw notABackup(file, `line ${number} holds no document revision`);
        yield { db, doc };
      } else if (line.end === true) {
        ended = true;
        onEnd?.({ ...header, counts: (line.counts ?? {}) as Record<string, number> });
      } else {
        throw notABackup(file, `line ${number} is not part of a backup`);
      }
    }
  } catch (error) {
    if ((error as { code?: string }).code === 'Z_BUF_ERROR' || (error as { code?: string }).code === 'Z_DATA_ERROR') throw notABackup(file, 'it is not a complete gzip file');
    throw error;
  }
  if (!ended) throw notABackup(file, 'it ends before its last line: the backup was cut short');
}

/** Reads the whole file once: its summary, or the reason it cannot be restored. */
export async function checkBackup(file: string): Promise<BackupSummary> {
  let summary: BackupSummary | undefined;
  for await (const _revision of backupRevisions(file, (s) => (summary = s)));
  return summary!;
}

function parse(file: string, text: string, number: number): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(text);
    if (value && typeof value === 'object' && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // reported below
  }
  throw notABackup(file, `line ${number} is not a JSON object`);
}

function notABackup(file: string, why: string) {
  return createError('bad_request', `${file} cannot be restored: ${why}`);
}

import type { Access } from '../../design/access/acl.js';
import { decideWrite } from '../../design/access/document-access.js';
import type { Doc, FieldError, SaveContext } from '../../design/form.js';
import { newDocId } from '../store/doc-id.js';
import type { Database } from '../store/store.js';
import type { DuplicateIndex, RecordKeys } from './find-duplicates.js';
import type { DuplicatePolicy, DuplicateRow } from './import-report.js';

interface Pending {
  readonly doc: Doc;
  readonly rows: number[];
  readonly created: boolean;
  changed: boolean;
}

export interface SaveFailure {
  readonly rows: readonly number[];
  readonly reason: string;
  readonly fields?: readonly FieldError[];
}

const CHUNK = 500;

export interface PendingOptions {
  readonly policy: DuplicatePolicy;
  readonly ctx: SaveContext;
  /**
   * The importing user's rights in the database: documents they may not read are no duplicates
   * to them, and each write is checked as the sync gateway checks it. None: the server imports.
   */
  readonly access?: Access;
}

/**
 * The documents of one form that an import will write: rows placed one by one, each becoming a
 * new document or, when it matches one (stored or placed earlier), merged into it or skipped.
 */
export class PendingWrites {
  private readonly pending = new Map<string, Pending>();
  readonly duplicates: DuplicateRow[] = [];

  constructor(
    private readonly form: 'Customer' | 'Contact',
    private readonly stored: ReadonlyMap<string, Doc>,
    private readonly index: DuplicateIndex,
    private readonly options: PendingOptions,
  ) {}

  /** Places a row's fields; returns the id of the document that now stands for it. */
  place(row: number, fields: Record<string, unknown>, keys: RecordKeys): string {
    const match = this.index.find(keys);
    if (!match) {
      const id = newDocId(Date.parse(this.options.ctx.now) || Date.now());
      this.pending.set(id, { doc: { ...fields, _id: id, form: this.form }, rows: [row], created: true, changed: true });
      this.index.add(id, keys);
      return id;
    }
    const name = String(this.doc(match.id)?.name ?? '');
    this.duplicates.push({ row, form: this.form, action: this.options.policy === 'merge' ? 'merged' : 'skipped', id: match.id, name, matchedBy: match.by });
    if (this.options.policy === 'merge') {
      const entry = this.entry(match.id);
      entry.rows.push(row);
      if (mergeInto(entry.doc, fields)) entry.changed = true;
      // What the merged row adds (a second e-mail address) finds later rows too.
      this.index.add(match.id, keys);
    }
    return match.id;
  }

  /** The document as it will be after the import: a row's customer name comes from here. */
  doc(id: string): Doc | undefined {
    return this.pending.get(id)?.doc ?? this.stored.get(id);
  }

  get createdCount(): number {
    return [...this.pending.values()].filter((p) => p.created).length;
  }

  /** Saves what changed, checked against the user's rights and through validation; each refused document names the rows it came from. */
  async save(db: Database): Promise<SaveFailure[]> {
    const failures: SaveFailure[] = [];
    const refuse = (pending: Pending, failure: Omit<SaveFailure, 'rows'>) => {
      this.pending.delete(pending.doc._id!);
      failures.push({ rows: pending.rows, ...failure });
    };
    const { access, ctx } = this.options;
    const allowed = [...this.pending.values()].filter((p) => {
      if (!p.changed) return false;
      const decision = access ? decideWrite(access, this.stored.get(p.doc._id!) ?? null, p.doc) : { allowed: true as const };
      if (!decision.allowed) refuse(p, { reason: decision.reason });
      return decision.allowed;
    });
    for (let i = 0; i < allowed.length; i += CHUNK) {
      const chunk = allowed.slice(i, i + CHUNK);
      const results = await db.saveMany(chunk.map((p) => p.doc), ctx);
      results.forEach((result, n) => {
        if (!result.ok) refuse(chunk[n]!, { reason: result.reason, fields: result.fields });
      });
    }
    return failures;
  }

  /** Whether the document stands after saving: stored before, or saved now. */
  has(id: string): boolean {
    return this.pending.has(id) || this.stored.has(id);
  }

  private entry(id: string): Pending {
    let entry = this.pending.get(id);
    if (!entry) {
      // A stored document merged into is written back whole, with its _rev, as an update.
      this.pending.set(id, (entry = { doc: structuredClone(this.stored.get(id)!), rows: [], created: false, changed: false }));
    }
    return entry;
  }
}

/**
 * Newer values from the file win, except the name the record is known by; an empty cell never
 * erases, and lists (e-mail addresses, tags, owners) gain what they lacked. Returns whether
 * anything changed.
 */
function mergeInto(doc: Doc, fields: Record<string, unknown>): boolean {
  let changed = false;
  for (const [name, value] of Object.entries(fields)) {
    const current = doc[name];
    if (name === 'name' && typeof current === 'string' && current !== '') continue;
    if (Array.isArray(value)) {
      const have = Array.isArray(current) ? current.map(String) : [];
      const seen = new Set(have.map((v) => v.toLowerCase()));
      const added = value.map(String).filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
      if (added.length > 0) {
        doc[name] = [...have, ...added];
        changed = true;
      }
    } else if (current !== value) {
      doc[name] = value;
      changed = true;
    }
  }
  return changed;
}

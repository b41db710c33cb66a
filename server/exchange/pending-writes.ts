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
    private readonly policy: DuplicatePolicy,
    private readonly ctx: SaveContext,
  ) {}

  /** Places a row's fields; returns the id of the document that now stands for it. */
  place(row: number, fields: Record<string, unknown>, keys: RecordKeys): string {
    const match = this.index.find(keys);
    if (!match) {
      const id = newDocId(Date.parse(this.ctx.now) || Date.now());
      this.pending.set(id, { doc: { ...fields, _id: id, form: this.form }, rows: [row], created: true, changed: true });
      this.index.add(id, keys);
      return id;
    }
    this.duplicates.push({ row, form: this.form, action: this.policy === 'merge' ? 'merged' : 'skipped', id: match.id, matchedBy: match.by });
    if (this.policy === 'merge') {
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

  /** Saves what changed through validation; each refused document names the rows it came from. */
  async save(db: Database): Promise<SaveFailure[]> {
    const failures: SaveFailure[] = [];
    const changed = [...this.pending.values()].filter((p) => p.changed);
    for (let i = 0; i < changed.length; i += CHUNK) {
      const chunk = changed.slice(i, i + CHUNK);
      const results = await db.saveMany(chunk.map((p) => p.doc), this.ctx);
      results.forEach((result, n) => {
        if (result.ok) return;
        const { rows, doc } = chunk[n]!;
        this.pending.delete(doc._id!);
        failures.push({ rows, reason: result.reason, fields: result.fields });
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

import { isEmpty, SORTABLE_TEXT_TYPES, type Doc, type DocValue, type FieldDef, type FormDef, type SaveContext } from './form.js';
import { formByName } from './forms/index.js';
import { FILES_ON_SERVER } from './replication-settings.js';
import { isPlainAscii, textKeys, type SortKeyOptions } from './sort-key.js';

/**
 * What a save adds to a document, wherever it is saved (server or workstation): defaults on
 * creation, typed reference values as their codes, computed fields, timestamps, default access fields, and the pinyin keys that views
 * sort by (`$sort`) and that search finds names by (`$pinyin`, `$initials`). The author's own
 * `$`-items are discarded: they are always recomputed here. `$filesOnServer` is kept: it is the
 * replica's note of files left on the server, which a write back must not lose.
 */
export function prepareForSave(doc: Doc, oldDoc: Doc | null, ctx: SaveContext): Doc {
  const form = doc.form === undefined ? undefined : formByName(doc.form);
  const out: Doc = {};
  for (const key in doc) {
    if (key.charCodeAt(0) !== 0x24 /* $ */ || key === FILES_ON_SERVER) out[key] = doc[key];
  }
  if (doc._deleted) return out;

  if (oldDoc && !oldDoc._deleted) {
    out.created = oldDoc.created;
    out.createdBy = oldDoc.createdBy;
  } else {
    out.created = ctx.now;
    out.createdBy = ctx.user.name;
  }
  out.modified = ctx.now;
  out.modifiedBy = ctx.user.name;
  if (!form) return out;

  const plan = planOf(form);
  if (!oldDoc) {
    for (const [name, value] of plan.defaults) {
      if (isEmpty(out[name])) out[name] = typeof value === 'function' ? value(ctx) : copy(value);
    }
  }
  for (const [name, normalize] of plan.normalized) {
    const value = out[name];
    if (typeof value === 'string') out[name] = normalize(value);
  }
  for (const [name, column, normalize] of plan.normalizedColumns) {
    const rows = out[name];
    if (!Array.isArray(rows)) continue;
    out[name] = rows.map((row: unknown) => {
      const value = (row as Doc | null)?.[column];
      return typeof value === 'string' ? { ...(row as Doc), [column]: normalize(value) } : row;
    });
  }
  for (const [name, computed] of plan.computed) out[name] = computed(out, ctx);
  if (!oldDoc && out.readers === undefined && form.defaultReaders) out.readers = form.defaultReaders(out, ctx);
  if (!oldDoc && out.authors === undefined && form.defaultAuthors) out.authors = form.defaultAuthors(out, ctx);
  addPinyinItems(plan, out);
  return out;
}

/** What a form asks of every save, worked out once per form. */
interface SavePlan {
  readonly defaults: readonly (readonly [string, Exclude<FieldDef['default'], undefined>])[];
  readonly computed: readonly (readonly [string, NonNullable<FieldDef['computed']>])[];
  readonly normalized: readonly (readonly [string, NonNullable<FieldDef['normalize']>])[];
  /** Columns of `objects` fields with `normalize` (an address's country): field, column. */
  readonly normalizedColumns: readonly (readonly [string, string, NonNullable<FieldDef['normalize']>])[];
  readonly sortable: readonly (readonly [string, SortKeyOptions])[];
  readonly pinyin: readonly (readonly [string, SortKeyOptions])[];
}

const plans = new WeakMap<FormDef, SavePlan>();

function planOf(form: FormDef): SavePlan {
  let plan = plans.get(form);
  if (!plan) {
    const fields = Object.entries(form.fields);
    const options = (field: FieldDef): SortKeyOptions => ({ personName: field.personName === true });
    plan = {
      defaults: fields.flatMap(([name, f]) => (f.default === undefined ? [] : [[name, f.default] as const])),
      computed: fields.flatMap(([name, f]) => (f.computed ? [[name, f.computed] as const] : [])),
      normalized: fields.flatMap(([name, f]) => (f.normalize ? [[name, f.normalize] as const] : [])),
      normalizedColumns: fields.flatMap(([name, f]) => Object.entries(f.columns ?? {}).flatMap(([column, c]) => (c.normalize ? [[name, column, c.normalize] as const] : []))),
      sortable: fields.flatMap(([name, f]) => (f.sortable && SORTABLE_TEXT_TYPES.has(f.type) ? [[name, options(f)] as const] : [])),
      pinyin: fields.flatMap(([name, f]) => (f.personName || f.pinyin ? [[name, options(f)] as const] : [])),
    };
    plans.set(form, plan);
  }
  return plan;
}

function copy(value: DocValue): DocValue {
  return value !== null && typeof value === 'object' ? structuredClone(value) : value;
}

/**
 * Keys are stored only for text that is not plain ASCII: for ASCII the view runtime and search
 * derive the same keys themselves (lower-case letters and digits), and documents stay small.
 */
function addPinyinItems(plan: SavePlan, doc: Doc): void {
  const sort: Record<string, string | string[]> = {};
  let pinyin: Record<string, string> | undefined;
  let initials: Record<string, string> | undefined;
  for (const [name, options] of plan.sortable) {
    const value = doc[name];
    if (typeof value === 'string') {
      if (!isPlainAscii(value)) sort[name] = textKeys(value, options).sort;
    } else if (Array.isArray(value) && value.some((v) => !isPlainAscii(String(v)))) {
      sort[name] = value.map((v) => textKeys(String(v), options).sort);
    }
  }
  for (const [name, options] of plan.pinyin) {
    const value = doc[name];
    if (typeof value !== 'string' || isPlainAscii(value)) continue;
    const keys = textKeys(value, options);
    (pinyin ??= {})[name] = keys.full;
    (initials ??= {})[name] = keys.initials;
  }
  doc.$sort = sort;
  if (pinyin) doc.$pinyin = pinyin;
  if (initials) doc.$initials = initials;
}

import { isEmpty, SORTABLE_TEXT_TYPES, type Doc, type FieldDef, type FormDef, type SaveContext } from './form.js';
import { formByName } from './forms/index.js';
import { isPlainAscii, textKeys } from './sort-key.js';

/**
 * What a save adds to a document, wherever it is saved (server or workstation): defaults on
 * creation, computed fields, timestamps, default access fields, and the pinyin keys that views
 * sort by (`$sort`) and that search finds names by (`$pinyin`, `$initials`). The author's own
 * `$`-items are discarded: they are always recomputed here.
 */
export function prepareForSave(doc: Doc, oldDoc: Doc | null, ctx: SaveContext): Doc {
  const form = doc.form === undefined ? undefined : formByName(doc.form);
  const out: Doc = {};
  for (const [key, value] of Object.entries(doc)) {
    if (!key.startsWith('$')) out[key] = value;
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

  if (!oldDoc) applyDefaults(form, out, ctx);
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.computed) out[name] = field.computed(out, ctx);
  }
  if (!oldDoc && out.readers === undefined && form.defaultReaders) out.readers = form.defaultReaders(out, ctx);
  if (!oldDoc && out.authors === undefined && form.defaultAuthors) out.authors = form.defaultAuthors(out, ctx);
  Object.assign(out, pinyinItems(form, out));
  return out;
}

function applyDefaults(form: FormDef, doc: Doc, ctx: SaveContext): void {
  for (const [name, field] of Object.entries(form.fields)) {
    if (field.default === undefined || !isEmpty(doc[name])) continue;
    doc[name] = typeof field.default === 'function' ? field.default(ctx) : structuredClone(field.default);
  }
}

interface PinyinItems {
  $sort: Record<string, string | string[]>;
  $pinyin?: Record<string, string>;
  $initials?: Record<string, string>;
}

/**
 * Keys are stored only for text that is not plain ASCII: for ASCII the view runtime and search
 * derive the same keys themselves (lower-case letters and digits), and documents stay small.
 */
function pinyinItems(form: FormDef, doc: Doc): PinyinItems {
  const items: PinyinItems = { $sort: {} };
  for (const [name, field] of Object.entries(form.fields)) {
    const value = doc[name];
    const options = { personName: field.personName === true };
    if (field.sortable && SORTABLE_TEXT_TYPES.has(field.type)) {
      if (typeof value === 'string' && !isPlainAscii(value)) items.$sort[name] = textKeys(value, options).sort;
      else if (Array.isArray(value) && value.some((v) => !isPlainAscii(String(v)))) {
        items.$sort[name] = value.map((v) => textKeys(String(v), options).sort);
      }
    }
    if (wantsPinyin(field) && typeof value === 'string' && !isPlainAscii(value)) {
      const keys = textKeys(value, options);
      (items.$pinyin ??= {})[name] = keys.full;
      (items.$initials ??= {})[name] = keys.initials;
    }
  }
  return items;
}

function wantsPinyin(field: FieldDef): boolean {
  return field.personName === true || field.pinyin === true;
}

import type { FieldDef } from '../../design/form.js';
import { formByName } from '../../design/forms/index.js';
import { matchesPinyin } from '../../design/sort-key.js';
import { nameForms, rankMatch, type NameForms, type RankedName } from './rank-match.js';

export interface SearchHit {
  readonly id: string;
  readonly form: string;
  readonly title: string;
  /** What tells two documents of one name apart in a list: city, code, salesperson (those it has). */
  readonly details: readonly string[];
}

interface Entry extends SearchHit {
  /** Every field's text, folded, one field a line: a query term (no spaces) never spans two fields. */
  readonly text: string;
  /** Names users look up a document by: those marked pinyin (`zs` for 张三), also the English name and code. */
  readonly names: readonly RankedName[];
  /** The names' forms for ranking, worked out the first time the document matches a query. */
  forms?: NameForms;
}

const HAN = /\p{Script=Han}/u;
/** Items every document has that no one searches by: stamps, ids, access lists. */
const UNSEARCHED = new Set(['form', 'created', 'modified', 'readers', 'authors', 'parent', 'customerId']);
/** Names typed as they are written (no pinyin): a foreign name, a customer code. */
const NAMES_AS_WRITTEN = ['nameEn', 'code'];
/** Shown beside a hit's title, in this order. */
const DETAIL_FIELDS = ['city', 'code', 'owner'];

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/**
 * Search over the local replica, so it works offline: a folded copy of each readable document's
 * text kept in memory and followed from the changes feed. A substring test finds Chinese words,
 * which have no spaces between them; names are also matched by pinyin through design/.
 */
export class SearchIndex {
  private readonly entries = new Map<string, Entry>();

  put(doc: { _id: string; [field: string]: unknown }): void {
    const form = typeof doc.form === 'string' ? doc.form : '';
    const def = formByName(form);
    const parts: string[] = [];
    for (const [field, value] of Object.entries(doc)) {
      if (field.startsWith('_') || field.startsWith('$') || UNSEARCHED.has(field)) continue;
      // A country, region or industry is stored as its code and found by its names, Chinese and English.
      parts.push(...choiceNames(def?.fields[field], value));
      if (typeof value === 'string') parts.push(fold(value));
      else if (typeof value === 'number') parts.push(String(value));
      else if (Array.isArray(value)) parts.push(...value.filter((v): v is string => typeof v === 'string').map(fold));
    }
    const names: RankedName[] = def
      ? Object.entries(def.fields).flatMap(([field, f]): RankedName[] => {
          const value = doc[field];
          if (typeof value !== 'string' || value === '') return [];
          if (f.personName || f.pinyin) return [{ text: value, pinyin: true, personName: f.personName === true }];
          return NAMES_AS_WRITTEN.includes(field) ? [{ text: value, pinyin: false }] : [];
        })
      : [];
    const details = DETAIL_FIELDS.flatMap((field) => {
      const value = doc[field];
      const text = Array.isArray(value) ? value.filter((v) => typeof v === 'string').join('、') : value;
      return typeof text === 'string' && text !== '' ? [text] : [];
    });
    const title = def ? doc[def.titleField] : undefined;
    this.entries.set(doc._id, { id: doc._id, form, title: typeof title === 'string' ? title : doc._id, details, text: parts.join('\n'), names });
  }

  /** Every document of a form (templates to choose from), by title. */
  ofForm(form: string): SearchHit[] {
    return [...this.entries.values()].filter((e) => e.form === form).map(hitOf)
      .sort((a, b) => a.title.localeCompare(b.title, 'zh'));
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /** The indexed document's form and title: what a link shows of the document it names. */
  hit(id: string): SearchHit | undefined {
    const entry = this.entries.get(id);
    return entry && hitOf(entry);
  }

  /**
   * Documents that contain every term of the query (or match it by pinyin), only of `forms` when
   * given: the `limit` best, those whose name is the query or starts with it first (rankMatch),
   * then by title.
   */
  search(query: string, limit: number, forms?: readonly string[]): { hits: SearchHit[]; more: boolean } {
    const terms = fold(query).split(/\s+/).filter((term) => term !== '');
    if (terms.length === 0) return { hits: [], more: false };
    const found: { entry: Entry; rank: number }[] = [];
    for (const entry of this.entries.values()) {
      if (forms && !forms.includes(entry.form)) continue;
      const matches = terms.every((term) => entry.text.includes(term)
        || (!HAN.test(term) && entry.names.some((name) => name.pinyin && matchesPinyin(term, name.text, { personName: name.personName }))));
      if (!matches) continue;
      entry.forms ??= nameForms(entry.names);
      found.push({ entry, rank: rankMatch(query, entry.forms) });
    }
    found.sort((a, b) => a.rank - b.rank || a.entry.title.localeCompare(b.entry.title, 'zh'));
    return { hits: found.slice(0, limit).map(({ entry }) => hitOf(entry)), more: found.length > limit };
  }
}

/** The names of the choices a field's value is, in both languages (also in an `objects` field's columns: an address's country). */
function choiceNames(def: FieldDef | undefined, value: unknown): string[] {
  if (!def) return [];
  if (def.type === 'choice' && typeof value === 'string') {
    const choice = def.choices?.find((c) => c.value === value);
    return choice ? [fold(choice.label.zh), fold(choice.label.en)] : [];
  }
  if (def.type !== 'objects' || !def.columns || !Array.isArray(value)) return [];
  return Object.entries(def.columns).flatMap(([column, columnDef]) =>
    columnDef.type === 'choice' ? value.flatMap((row: unknown) => choiceNames(columnDef, (row as Record<string, unknown> | null)?.[column])) : []);
}

function hitOf({ id, form, title, details }: Entry): SearchHit {
  return { id, form, title, details };
}

import { formByName } from '../../design/forms/index.js';
import { matchesPinyin } from '../../design/sort-key.js';

export interface SearchHit {
  readonly id: string;
  readonly form: string;
  readonly title: string;
}

interface Entry extends SearchHit {
  /** Every field's text, folded, one field a line: a query term (no spaces) never spans two fields. */
  readonly text: string;
  /** Names and titles that users look up by pinyin (`zs` for 张三). */
  readonly names: readonly { readonly text: string; readonly personName: boolean }[];
}

const HAN = /\p{Script=Han}/u;
/** Items every document has that no one searches by: stamps, ids, access lists. */
const UNSEARCHED = new Set(['form', 'created', 'modified', 'readers', 'authors', 'parent', 'customerId']);

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
      if (typeof value === 'string') parts.push(fold(value));
      else if (typeof value === 'number') parts.push(String(value));
      else if (Array.isArray(value)) parts.push(...value.filter((v): v is string => typeof v === 'string').map(fold));
    }
    const names = def
      ? Object.entries(def.fields).flatMap(([field, f]) => {
          const value = doc[field];
          return (f.personName || f.pinyin) && typeof value === 'string' ? [{ text: value, personName: f.personName === true }] : [];
        })
      : [];
    const title = def ? doc[def.titleField] : undefined;
    this.entries.set(doc._id, { id: doc._id, form, title: typeof title === 'string' ? title : doc._id, text: parts.join('\n'), names });
  }

  /** Every document of a form (templates to choose from), by title. */
  ofForm(form: string): SearchHit[] {
    return [...this.entries.values()].filter((e) => e.form === form).map(({ id, title }) => ({ id, form, title }))
      .sort((a, b) => a.title.localeCompare(b.title, 'zh'));
  }

  remove(id: string): void {
    this.entries.delete(id);
  }

  /** The indexed document's form and title: what a link shows of the document it names. */
  hit(id: string): SearchHit | undefined {
    const entry = this.entries.get(id);
    return entry && { id: entry.id, form: entry.form, title: entry.title };
  }

  /** Documents that contain every term of the query (or match it by pinyin), up to `limit`; only of `forms` when given. */
  search(query: string, limit: number, forms?: readonly string[]): { hits: SearchHit[]; more: boolean } {
    const terms = fold(query).split(/\s+/).filter((term) => term !== '');
    const hits: SearchHit[] = [];
    if (terms.length === 0) return { hits, more: false };
    for (const entry of this.entries.values()) {
      if (forms && !forms.includes(entry.form)) continue;
      const found = terms.every((term) => entry.text.includes(term)
        || (!HAN.test(term) && entry.names.some((name) => matchesPinyin(term, name.text, { personName: name.personName }))));
      if (!found) continue;
      if (hits.length === limit) return { hits, more: true };
      hits.push({ id: entry.id, form: entry.form, title: entry.title });
    }
    return { hits, more: false };
  }
}

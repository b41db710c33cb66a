import type { Emit, MapDoc, MapSpec } from './map-spec.js';

/**
 * The one map function behind every view. Its source text (`viewMap.toString()`) is embedded in
 * the CouchDB design documents, and the same function runs natively in the embedded and browser
 * engines, so every engine emits the same rows.
 *
 * Rules that keep it portable, checked by tests/unit/map-runtime.test.ts:
 * - self-contained: it reads only its arguments; no imports, closures or globals;
 * - ES5 only (CouchDB's JavaScript engine may be SpiderMonkey 1.8.5): `var`, no arrows, no `let`;
 * - no function inside it (bundlers rewrite inner functions and would break the source text).
 *
 * Keys use only numbers, null and strings over `0-9a-z`, on which CouchDB's ICU collation,
 * PouchDB's collation and byte order all agree. Text sort keys come from `$sort`, computed on
 * save by design/ for text that is not plain ASCII; for ASCII text the key is its lower-cased
 * letters and digits, derived here exactly as design/ would. A categorised column contributes `[sortKey, shownValue]` to the key, so that
 * `group_level` returns the category's title with its totals.
 */
export function viewMap(spec: MapSpec, doc: MapDoc, emit: Emit): void {
  var ALPHA = '0123456789abcdefghijklmnopqrstuvwxyz';
  var i, j, k, n, w, c, v, s, d, ok, raw, list, sorts, alts, seen, enc, idx, combos, next, key, values, totals;
  var perCol: unknown[][][] = [];
  if (typeof doc._id !== 'string' || doc._id.charAt(0) === '_') return;
  if (spec.forms.indexOf(doc.form as string) < 0) return;

  for (i = 0; i < spec.where.length; i++) {
    w = spec.where[i]!;
    v = doc[w.f];
    if (w.op === 'eq') ok = v === w.v;
    else if (w.op === 'ne') ok = v !== w.v;
    else if (w.op === 'in') ok = (w.v as unknown[]).indexOf(v) >= 0;
    else if (w.op === 'notIn') ok = (w.v as unknown[]).indexOf(v) < 0;
    else if (w.op === 'exists') ok = (v !== undefined && v !== null && v !== '') === w.v;
    else if (w.op === 'gt') ok = v !== undefined && v !== null && (v as number) > (w.v as number);
    else ok = v !== undefined && v !== null && (v as number) < (w.v as number);
    if (!ok) return;
  }

  var isResponse = typeof doc.parent === 'string' && doc.parent !== '';
  // Who may read the row: null when the document names no readers (everyone with Reader access),
  // else its readers and authors, so that a server can cut a view to what one user may see.
  var access = null as string[] | null;
  if (Array.isArray(doc.readers) && (doc.readers as unknown[]).length > 0) {
    access = (doc.readers as string[]).concat(Array.isArray(doc.authors) ? (doc.authors as string[]) : []);
  }
  if (spec.mode === 'responses') {
    if (!spec.responses || !isResponse) return;
  } else if (spec.responses && isResponse) {
    return;
  }

  // For each column, its alternatives as [sortKey, shownValue]; only a categorised column has more than one.
  for (i = 0; i < spec.cols.length; i++) {
    c = spec.cols[i]!;
    raw = doc[c.f];
    list = Array.isArray(raw) ? raw : raw === undefined || raw === null || raw === '' ? [] : [raw];
    sorts = doc.$sort ? (doc.$sort as Record<string, unknown>)[c.f] : undefined;
    sorts = Array.isArray(sorts) ? sorts : sorts === undefined ? [] : [sorts];
    alts = [];
    seen = {} as Record<string, boolean>;
    for (j = 0; j < list.length; j++) {
      v = list[j];
      d = v;
      if (c.t === 'text') {
        s = sorts[j];
        if (typeof s !== 'string') {
          s = '';
          raw = String(v).toLowerCase();
          for (k = 0; k < raw.length; k++) if (ALPHA.indexOf(raw.charAt(k)) >= 0) s += raw.charAt(k);
        }
        if (s === '') s = null;
      } else if (c.t === 'number') {
        s = typeof v === 'number' && isFinite(v) ? v : null;
      } else if ((c.t === 'date' || c.t === 'datetime') && typeof v === 'string' && v.length >= 10) {
        if (c.part === 'year') {
          d = v.substr(0, 4);
          s = parseInt(d, 10);
        } else if (c.part === 'month') {
          d = v.substr(0, 7);
          s = parseInt(v.substr(0, 4) + v.substr(5, 2), 10);
        } else if (c.part === 'day' || c.t === 'date') {
          d = v.substr(0, 10);
          s = parseInt(v.substr(0, 4) + v.substr(5, 2) + v.substr(8, 2), 10);
        } else {
          s = Date.parse(v);
        }
        if (typeof s !== 'number' || !isFinite(s)) s = null;
      } else {
        s = null;
      }
      if (s !== null && seen['' + s]) continue;
      if (s !== null) seen['' + s] = true;
      alts.push([s, d]);
      if (!c.cat) break;
    }
    if (alts.length === 0) alts.push([null, null]);
    if (c.dir === -1) {
      // Descending inside an ascending key: negate numbers; write each text character as two
      // characters from 0-5 (complemented) and end with `z`, so a longer text sorts first.
      for (j = 0; j < alts.length; j++) {
        s = alts[j]![0];
        if (typeof s === 'number') {
          s = s === 0 ? 0 : -s;
        } else if (typeof s === 'string') {
          enc = '';
          for (k = 0; k < s.length; k++) {
            idx = ALPHA.indexOf(s.charAt(k));
            if (idx < 0) continue;
            n = 35 - idx;
            enc += ALPHA.charAt((n - (n % 6)) / 6) + ALPHA.charAt(n % 6);
          }
          s = enc + 'z';
        } else {
          s = c.t === 'text' ? 'z' : '';
        }
        alts[j]![0] = s;
      }
    }
    perCol.push(alts);
  }

  if (spec.mode === 'responses') {
    values = [];
    for (i = 0; i < spec.cols.length; i++) values.push(doc[spec.cols[i]!.f] === undefined ? null : doc[spec.cols[i]!.f]);
    emit(doc.parent, [doc.created === undefined ? null : doc.created, values, access]);
    return;
  }

  // One row for each combination of the categorised columns' entries.
  combos = [[]] as number[][];
  for (i = 0; i < spec.order.length; i++) {
    c = spec.order[i]!;
    n = spec.cols[c]!.cat ? perCol[c]!.length : 1;
    next = [] as number[][];
    for (j = 0; j < combos.length; j++) for (k = 0; k < n; k++) next.push(combos[j]!.concat([k]));
    combos = next;
  }
  for (j = 0; j < combos.length; j++) {
    key = [];
    values = [];
    for (i = 0; i < spec.order.length; i++) {
      c = spec.order[i]!;
      s = perCol[c]![combos[j]![i]!]!;
      key.push(spec.cols[c]!.cat ? [s[0], s[1]] : s[0]);
    }
    if (spec.mode === 'totals') {
      totals = [1];
      for (i = 0; i < spec.cols.length; i++) {
        if (!spec.cols[i]!.total) continue;
        v = doc[spec.cols[i]!.f];
        totals.push(typeof v === 'number' && isFinite(v) ? v : 0);
      }
      emit(key, totals);
    } else {
      for (i = 0; i < spec.cols.length; i++) {
        c = spec.cols[i]!;
        k = spec.order.indexOf(i);
        if (c.cat && k >= 0) values.push(perCol[i]![combos[j]![k]!]![1]);
        else if (c.part !== '') values.push(perCol[i]![0]![1]);
        else values.push(doc[c.f] === undefined ? null : doc[c.f]);
      }
      emit(key, [values, access]);
    }
  }
}

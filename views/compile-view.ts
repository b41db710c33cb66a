import { LIST_TYPES, type FieldType } from '../design/form.js';
import { formByName } from '../design/forms/index.js';
import { viewMap } from './map-runtime.js';
import type { ColumnType, MapColumn, MapDoc, MapMode, MapSpec, WhereOp } from './map-spec.js';
import type { ViewDef } from './view-def.js';

/** Items every document carries (set on save), usable as columns in any view. */
const COMMON_FIELDS: Record<string, FieldType> = {
  form: 'text', created: 'datetime', modified: 'datetime', createdBy: 'names', modifiedBy: 'names',
};

export interface ViewRowOut {
  readonly key: unknown[];
  readonly value: unknown;
}

export interface CompiledView {
  readonly def: ViewDef;
  readonly id: string;
  readonly designDocId: string;
  /** How many leading key elements are categories. */
  readonly categoryCount: number;
  /** Number of summed columns; totals rows are `[count, ...sums]`. */
  readonly totalCount: number;
  readonly specs: Readonly<Record<MapMode, MapSpec>>;
  /** The design document that CouchDB (and stock PouchDB) runs. */
  readonly designDoc: DesignDoc;
  /** The same map, run natively: the rows one document contributes in a mode. */
  map(doc: MapDoc, mode: MapMode): ViewRowOut[];
  /** The sums a row of `rows` adds to its categories, as its row of `totals` has them after the count, without mapping the document again. */
  rowTotals(value: unknown): number[];
}

export interface DesignDoc {
  readonly _id: string;
  readonly language: 'javascript';
  readonly views: Record<string, { map: string; reduce?: string }>;
  readonly guanxi: { readonly view: string; readonly name: ViewDef['name']; readonly db: string };
}

export function compileView(def: ViewDef): CompiledView {
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(def.id)) throw new Error(`view id ${def.id}: use lower-case words joined by -`);
  const cols = def.columns.map((column): MapColumn => ({
    f: column.field,
    t: columnType(def, column.field, column.categorized === true || column.sort !== undefined),
    part: column.part ?? '',
    cat: column.categorized === true,
    dir: column.sort === 'desc' ? -1 : column.sort === 'asc' || column.categorized ? 1 : 0,
    total: column.total === true,
  }));
  for (const [i, col] of cols.entries()) {
    if (col.total && col.t !== 'number') throw new Error(`view ${def.id}: column ${col.f} totals a non-number field`);
    // rowTotals reads a totalled column's value from its row, which a category would have replaced by its title.
    if (col.total && col.cat) throw new Error(`view ${def.id}: column ${col.f} is both categorised and totalled`);
    if (col.part && col.t !== 'date' && col.t !== 'datetime') throw new Error(`view ${def.id}: column ${col.f} takes a date part of a non-date field`);
    if (col.cat && cols.slice(0, i).some((c) => !c.cat)) throw new Error(`view ${def.id}: categorised columns come first`);
  }
  const order = [...cols.keys()].filter((i) => cols[i]!.cat).concat([...cols.keys()].filter((i) => !cols[i]!.cat && cols[i]!.dir !== 0));
  const base = {
    forms: [...def.forms],
    where: (def.where ?? []).map(compileCondition),
    responses: def.responses === true,
    cols,
    order,
  };
  const forms = new Set(def.forms);
  const totalled = [...cols.keys()].filter((i) => cols[i]!.total);
  const specs = { rows: { ...base, mode: 'rows' }, totals: { ...base, mode: 'totals' }, responses: { ...base, mode: 'responses' } } as const;
  const categoryCount = cols.filter((c) => c.cat).length;
  const totalCount = cols.filter((c) => c.total).length;

  const views: Record<string, { map: string; reduce?: string }> = { rows: { map: mapSource(specs.rows) } };
  if (categoryCount > 0 || totalCount > 0) views.totals = { map: mapSource(specs.totals), reduce: '_sum' };
  if (def.responses) views.responses = { map: mapSource(specs.responses) };

  return {
    def,
    id: def.id,
    designDocId: `_design/${def.id}`,
    categoryCount,
    totalCount,
    specs,
    designDoc: { _id: `_design/${def.id}`, language: 'javascript', views, guanxi: { view: def.id, name: def.name, db: def.db } },
    map(doc, mode) {
      // Most documents are of a form the view does not show: a new replica maps each by every view.
      if (!forms.has(doc.form as string)) return [];
      const rows: ViewRowOut[] = [];
      viewMap(specs[mode], doc, (key, value) => rows.push({ key: key as unknown[], value }));
      return rows;
    },
    rowTotals(value) {
      const values = (value as [unknown[]])[0];
      return totalled.map((i) => {
        const v = values[i];
        return typeof v === 'number' && Number.isFinite(v) ? v : 0;
      });
    },
  };
}

function mapSource(spec: MapSpec): string {
  return `function (doc) { (${viewMap.toString()})(${JSON.stringify(spec)}, doc, emit); }`;
}

function columnType(def: ViewDef, field: string, sorted: boolean): ColumnType {
  const types = new Set<FieldType>();
  for (const formName of def.forms) {
    const form = formByName(formName);
    if (!form) throw new Error(`view ${def.id}: unknown form ${formName}`);
    if (form.db !== def.db && !form.alsoIn?.includes(def.db)) throw new Error(`view ${def.id}: form ${formName} lives in ${form.db}, not ${def.db}`);
    const fieldDef = form.fields[field];
    const type = fieldDef?.type ?? COMMON_FIELDS[field];
    if (!type) continue;
    if (sorted && fieldDef && toColumnType(type) === 'text' && !fieldDef.sortable) {
      throw new Error(`view ${def.id}: sorts by ${formName}.${field}, which is not marked sortable`);
    }
    types.add(type);
  }
  if (types.size === 0) throw new Error(`view ${def.id}: none of its forms has a field ${field}`);
  const mapped = new Set([...types].map(toColumnType));
  if (mapped.size !== 1) throw new Error(`view ${def.id}: field ${field} has different types in its forms`);
  return [...mapped][0]!;
}

function toColumnType(type: FieldType): ColumnType {
  if (type === 'number' || type === 'date' || type === 'datetime') return type;
  if (type === 'boolean') return 'other';
  return LIST_TYPES.has(type) || type !== 'textarea' ? 'text' : 'other';
}

function compileCondition(condition: NonNullable<ViewDef['where']>[number]): MapSpec['where'][number] {
  const { field, ...rest } = condition;
  const [op, v] = Object.entries(rest)[0] as [WhereOp, unknown];
  return { f: field, op, v };
}

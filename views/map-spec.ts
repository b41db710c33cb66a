/** The compiled, JSON-only form of a view that the map runtime interprets. */
export type ColumnType = 'text' | 'number' | 'date' | 'datetime' | 'other';
export type MapMode = 'rows' | 'totals' | 'responses';
export type WhereOp = 'eq' | 'ne' | 'in' | 'notIn' | 'exists' | 'gt' | 'lt';

export interface MapColumn {
  readonly f: string;
  readonly t: ColumnType;
  readonly part: '' | 'year' | 'month' | 'day';
  readonly cat: boolean;
  /** 1 ascending, -1 descending, 0 not part of the key. */
  readonly dir: 1 | -1 | 0;
  readonly total: boolean;
}

export interface MapSpec {
  readonly mode: MapMode;
  readonly forms: readonly string[];
  readonly where: readonly { readonly f: string; readonly op: WhereOp; readonly v: unknown }[];
  readonly responses: boolean;
  readonly cols: readonly MapColumn[];
  /** Column indices that make the key: categorised columns first, then sorted ones. */
  readonly order: readonly number[];
}

export type MapDoc = Record<string, unknown>;
export type Emit = (key: unknown, value: unknown) => void;

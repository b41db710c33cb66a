import type { DbName } from '../design/databases.js';
import type { Label } from '../design/label.js';

/** A flat AND of conditions on top-level fields, like a Notes selection formula's simple cases. */
export type Condition =
  | { readonly field: string; readonly eq: string | number | boolean }
  | { readonly field: string; readonly ne: string | number | boolean }
  | { readonly field: string; readonly in: readonly (string | number)[] }
  | { readonly field: string; readonly notIn: readonly (string | number)[] }
  | { readonly field: string; readonly exists: boolean }
  | { readonly field: string; readonly gt: number | string }
  | { readonly field: string; readonly lt: number | string };

export interface ColumnDef {
  readonly title: Label;
  /** A top-level field of the selected forms, or `created`, `modified`, `createdBy`, `modifiedBy`, `form`. */
  readonly field: string;
  /** For date fields: show and group by the year, month or day only. */
  readonly part?: 'year' | 'month' | 'day';
  /** Categorised columns come first in the key; a list value puts the document under each entry. */
  readonly categorized?: boolean;
  readonly sort?: 'asc' | 'desc';
  /** Sum this number column per category and over the view. */
  readonly total?: boolean;
}

export interface ViewDef {
  /** Also the design document's id: `_design/<id>`. Lower-case words joined by `-`. */
  readonly id: string;
  readonly db: DbName;
  /** Cascading name: `客户\按地区` is 按地区 under 客户 in the navigator. */
  readonly name: Label;
  readonly forms: readonly string[];
  readonly where?: readonly Condition[];
  readonly columns: readonly ColumnDef[];
  /** Show response documents (those with `parent`) indented under their parents, not as rows of their own. */
  readonly responses?: boolean;
  /**
   * Notes' "show single category" with @UserName: each user sees only the documents under the
   * first category whose title is their own name (e.g. My Posts), without its header.
   */
  readonly viewersCategoryOnly?: boolean;
}

export function defineView<const V extends ViewDef>(view: V): V {
  return view;
}

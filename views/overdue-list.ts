import type { DbName } from '../design/databases.js';
import type { Label } from '../design/label.js';

/**
 * A view read up to today, as Notes would select with @Today (which no view index can hold: the
 * day moves on, the index does not): the rows of `viewId`, which sorts by the date in its first
 * column earliest first, whose date is before the day the list is read — what is overdue. The
 * workstation cuts its local index so, offline too; the server's endpoints cut the same way.
 */
export interface OverdueListDef {
  readonly id: string;
  readonly db: DbName;
  /** Cascading, like a view's: it shows in the navigator beside the views. */
  readonly name: Label;
  readonly viewId: string;
}

export function defineOverdueList<const L extends OverdueListDef>(list: L): L {
  return list;
}

/** A sheet of records as read from CSV or Excel: the first row's titles, then the rows with data. */
export interface Table {
  readonly headers: readonly string[];
  readonly rows: readonly TableRow[];
}

export interface TableRow {
  /** The row's number as the spreadsheet program shows it: the header is row 1. */
  readonly row: number;
  readonly cells: readonly string[];
}

/** A table from records in file order, the first being the header; rows with nothing in them are left out but keep their numbers. */
export function tableOf(records: readonly (readonly string[])[]): Table {
  const [header = [], ...data] = records;
  const headers = header.map((title, i) => title.trim() || `#${i + 1}`);
  const rows: TableRow[] = [];
  data.forEach((cells, i) => {
    if (cells.some((cell) => cell.trim() !== '')) rows.push({ row: i + 2, cells });
  });
  return { headers, rows };
}

// Row parsing without casts for the plain-SQL stores: each column is checked for the type the
// table promises, so a schema change shows as a clear error here instead of a wrong value further
// on. One copy for every lib (exported as `rowFields`); each store imports the short names.

export type Row = Record<string, unknown>;

export class RowShapeError extends Error {
  constructor(column: string, expected: string) {
    super(`column ${column}: expected ${expected}`);
    this.name = 'RowShapeError';
  }
}

export function asRow(value: unknown): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowShapeError('(row)', 'an object');
  return Object.fromEntries(Object.entries(value));
}

export function rowsOf(result: unknown): Row[] {
  if (!Array.isArray(result)) throw new RowShapeError('(result)', 'an array of rows');
  return result.map(asRow);
}

export function str(row: Row, column: string): string {
  const v = row[column];
  if (typeof v !== 'string') throw new RowShapeError(column, 'text');
  return v;
}

export function strOrNull(row: Row, column: string): string | null {
  const v = row[column];
  if (v === null || v === undefined) return null;
  return str(row, column);
}

export function int(row: Row, column: string): number {
  const v = row[column];
  // bigint and numeric columns arrive as strings from node-postgres.
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  if (typeof n !== 'number' || !Number.isSafeInteger(n)) throw new RowShapeError(column, 'an integer');
  return n;
}

export function intOrNull(row: Row, column: string): number | null {
  const v = row[column];
  return v === null || v === undefined ? null : int(row, column);
}

export function date(row: Row, column: string): Date {
  const v = row[column];
  if (!(v instanceof Date)) throw new RowShapeError(column, 'a timestamp');
  return v;
}

export function dateOrNull(row: Row, column: string): Date | null {
  const v = row[column];
  return v === null || v === undefined ? null : date(row, column);
}

export function oneOf<T extends string>(row: Row, column: string, values: readonly T[]): T {
  const v = str(row, column);
  const found = values.find((x) => x === v);
  if (found === undefined) throw new RowShapeError(column, values.join('|'));
  return found;
}

/** A jsonb column, as the plain value node-postgres parsed it. */
export function json(row: Row, column: string): unknown {
  const v = row[column];
  if (v === undefined) throw new RowShapeError(column, 'json');
  return v;
}

export function bool(row: Row, column: string): boolean {
  const v = row[column];
  if (typeof v !== 'boolean') throw new RowShapeError(column, 'a boolean');
  return v;
}

/** A text[] column (node-postgres parses text arrays; enum arrays must be cast to text[] in SQL). */
export function strArray(row: Row, column: string): string[] {
  const v = row[column];
  if (!Array.isArray(v) || v.some((x) => typeof x !== 'string')) throw new RowShapeError(column, 'an array of text');
  return v.map(String);
}

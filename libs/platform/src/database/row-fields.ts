// Row parsing without casts for the plain-SQL stores: each column is checked for the type the
// table promises, so a changed column, a missing alias or a NULL where none may be fails loudly at
// the store instead of travelling on as the wrong type. One implementation for every lib
// (exported as `rowFields`): `tableReader` binds the readers to a table's name for clear errors;
// the plain functions (`str`, `int`, …) are the same readers, one column at a time.
// Rows come from `SELECT` (pg's own types) or from `jsonb` built in SQL (timestamps then arrive as
// ISO strings, bigints as numbers): both are accepted.

export type Row = Readonly<Record<string, unknown>>;

export class RowShapeError extends Error {
  constructor(table: string, column: string, expected: string, value?: unknown) {
    // The type of what came, never the value: a row may hold personal data.
    super(`${table}.${column}: expected ${expected}${value === undefined ? '' : `, got ${value === null ? 'null' : typeof value}`}`);
    this.name = 'RowShapeError';
  }
}

function isRow(value: unknown): value is Row {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One row of a result, checked to be an object (not copied: rows are read on hot paths). */
export function tableRow(value: unknown, table = 'row'): Row {
  if (!isRow(value)) throw new RowShapeError(table, '*', 'a row', value);
  return value;
}

/** The rows of a result, each parsed. */
export function parseRows<T>(rows: unknown, parse: (row: unknown) => T): T[] {
  if (!Array.isArray(rows)) throw new RowShapeError('result', '*', 'the rows of a query');
  return rows.map(parse);
}

function fail(table: string, row: Row, column: string, expected: string): never {
  throw new RowShapeError(table, column, expected, row[column]);
}

const isNull = (row: Row, column: string): boolean => row[column] === null || row[column] === undefined;

function readText(row: Row, column: string, table = 'row'): string {
  const v = row[column];
  return typeof v === 'string' ? v : fail(table, row, column, 'text');
}

function readDate(row: Row, column: string, table = 'row'): Date {
  const v = row[column];
  if (v instanceof Date) return v;
  if (typeof v === 'string') {
    const d = new Date(v);
    if (!Number.isNaN(d.getTime())) return d;
  }
  return fail(table, row, column, 'a timestamp');
}

function readInt(row: Row, column: string, table = 'row'): number {
  const v = row[column];
  // bigint and numeric columns arrive as strings from node-postgres.
  const n = typeof v === 'string' && /^-?\d+$/.test(v) ? Number(v) : v;
  return typeof n === 'number' && Number.isSafeInteger(n) ? n : fail(table, row, column, 'an integer');
}

function readOneOf<T extends string>(row: Row, column: string, values: readonly T[], table = 'row'): T {
  const v = row[column];
  return values.find((x) => x === v) ?? fail(table, row, column, `one of ${values.join(', ')}`);
}

function readBool(row: Row, column: string, table = 'row'): boolean {
  const v = row[column];
  return typeof v === 'boolean' ? v : fail(table, row, column, 'a boolean');
}

/** A text[] column (node-postgres parses text arrays; enum arrays must be cast to text[] in SQL). */
function readTexts(row: Row, column: string, table = 'row'): string[] {
  const v = row[column];
  return Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? [...v] : fail(table, row, column, 'an array of text');
}

/** A jsonb column, as the plain value node-postgres parsed it. */
function readJson(row: Row, column: string, table = 'row'): unknown {
  return row[column] === undefined ? fail(table, row, column, 'json') : row[column];
}

/** Field readers bound to one table's name, for clear errors. */
export function tableReader(table: string, row: Row) {
  const nullable =
    <T>(read: (row: Row, column: string, table: string) => T) =>
    (column: string): T | null =>
      isNull(row, column) ? null : read(row, column, table);
  return {
    text: (column: string): string => readText(row, column, table),
    date: (column: string): Date => readDate(row, column, table),
    int: (column: string): number => readInt(row, column, table),
    oneOf: <T extends string>(column: string, values: readonly T[]): T => readOneOf(row, column, values, table),
    bool: (column: string): boolean => readBool(row, column, table),
    texts: (column: string): string[] => readTexts(row, column, table),
    json: (column: string): unknown => readJson(row, column, table),
    /** bigint ids as text (pg gives int8 as a string; jsonb as a number). */
    idText: (column: string): string => {
      const v = row[column];
      if (typeof v === 'string' && /^\d+$/.test(v)) return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
      return fail(table, row, column, 'a bigint id');
    },
    nullableText: nullable(readText),
    nullableDate: nullable(readDate),
    nullableInt: nullable(readInt),
    nullableOneOf: <T extends string>(column: string, values: readonly T[]): T | null => (isNull(row, column) ? null : readOneOf(row, column, values, table)),
  };
}

// The same readers, one column at a time, for stores that read a row field by field.
export const asRow = (value: unknown): Row => tableRow(value);
export const rowsOf = (result: unknown): Row[] => parseRows(result, asRow);
export const str = (row: Row, column: string): string => readText(row, column);
export const strOrNull = (row: Row, column: string): string | null => (isNull(row, column) ? null : readText(row, column));
export const int = (row: Row, column: string): number => readInt(row, column);
export const intOrNull = (row: Row, column: string): number | null => (isNull(row, column) ? null : readInt(row, column));
export const date = (row: Row, column: string): Date => readDate(row, column);
export const dateOrNull = (row: Row, column: string): Date | null => (isNull(row, column) ? null : readDate(row, column));
export const bool = (row: Row, column: string): boolean => readBool(row, column);
export const json = (row: Row, column: string): unknown => readJson(row, column);
export const strArray = (row: Row, column: string): string[] => readTexts(row, column);
export function oneOf<T extends string>(row: Row, column: string, values: readonly T[]): T {
  return readOneOf(row, column, values);
}

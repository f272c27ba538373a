/**
 * Reading one database row into a typed record: every field is checked, never cast, so a
 * changed column, a missing alias or a NULL where none may be fails loudly at the store instead
 * of travelling on as the wrong type. Rows come from `SELECT` (pg's own types) or from `jsonb`
 * built in SQL (timestamps then arrive as ISO strings, bigints as numbers): both are accepted.
 */
export type Row = Readonly<Record<string, unknown>>;

export class RowShapeError extends Error {
  constructor(table: string, column: string, expected: string, value: unknown) {
    super(`${table}.${column}: expected ${expected}, got ${value === null ? 'null' : typeof value}`);
    this.name = 'RowShapeError';
  }
}

export function asRow(value: unknown, table: string): Row {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowShapeError(table, '*', 'a row', value);
  return value as Row;
}

/** Field readers bound to one table's name, for clear errors. */
export function reader(table: string, row: Row) {
  const fail = (column: string, expected: string): never => {
    throw new RowShapeError(table, column, expected, row[column]);
  };
  const text = (column: string): string => {
    const v = row[column];
    return typeof v === 'string' ? v : fail(column, 'text');
  };
  const date = (column: string): Date => {
    const v = row[column];
    if (v instanceof Date) return v;
    if (typeof v === 'string') {
      const d = new Date(v);
      if (!Number.isNaN(d.getTime())) return d;
    }
    return fail(column, 'a timestamp');
  };
  const int = (column: string): number => {
    const v = row[column];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
    return fail(column, 'an integer');
  };
  const nullable = <T>(read: (c: string) => T) => (column: string): T | null => (row[column] === null || row[column] === undefined ? null : read(column));
  return {
    text,
    date,
    int,
    /** bigint ids as text (pg gives int8 as a string; jsonb as a number). */
    idText: (column: string): string => {
      const v = row[column];
      if (typeof v === 'string' && /^\d+$/.test(v)) return v;
      if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
      return fail(column, 'a bigint id');
    },
    bool: (column: string): boolean => {
      const v = row[column];
      return typeof v === 'boolean' ? v : fail(column, 'a boolean');
    },
    oneOf: <T extends string>(column: string, values: readonly T[]): T => {
      const v = row[column];
      return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(column, `one of ${values.join(', ')}`);
    },
    nullableText: nullable(text),
    nullableDate: nullable(date),
    nullableOneOf: <T extends string>(column: string, values: readonly T[]): T | null => {
      const v = row[column];
      if (v === null || v === undefined) return null;
      return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(column, `null or one of ${values.join(', ')}`);
    },
  };
}

/** The rows of a result, each parsed. */
export function parseRows<T>(rows: unknown, parse: (row: unknown) => T): T[] {
  if (!Array.isArray(rows)) throw new Error('expected the rows of a query');
  return rows.map(parse);
}

// Reading rows without casts: each column is checked for the type the table promises, so a
// schema change fails loudly here instead of travelling on as a wrong value.
export type Row = Readonly<Record<string, unknown>>;

export class RowShapeError extends Error {
  constructor(table: string, column: string, expected: string) {
    super(`${table}.${column}: expected ${expected}`);
    this.name = 'RowShapeError';
  }
}

export function rowsOf(result: unknown, table: string): Row[] {
  if (!Array.isArray(result)) throw new RowShapeError(table, '*', 'rows');
  return result.map((value: unknown) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new RowShapeError(table, '*', 'a row');
    return Object.fromEntries(Object.entries(value));
  });
}

export function reader(table: string, row: Row) {
  const fail = (column: string, expected: string): never => {
    throw new RowShapeError(table, column, expected);
  };
  const text = (column: string): string => {
    const v = row[column];
    return typeof v === 'string' ? v : fail(column, 'text');
  };
  const date = (column: string): Date => {
    const v = row[column];
    if (v instanceof Date) return v;
    if (typeof v === 'string' && !Number.isNaN(new Date(v).getTime())) return new Date(v);
    return fail(column, 'a timestamp');
  };
  const int = (column: string): number => {
    const v = row[column];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
    return fail(column, 'an integer');
  };
  const isNull = (column: string): boolean => row[column] === null || row[column] === undefined;
  return {
    text,
    date,
    int,
    bool: (column: string): boolean => (typeof row[column] === 'boolean' ? row[column] === true : fail(column, 'a boolean')),
    nullableText: (column: string): string | null => (isNull(column) ? null : text(column)),
    nullableDate: (column: string): Date | null => (isNull(column) ? null : date(column)),
    oneOf: <T extends string>(column: string, values: readonly T[]): T => {
      const v = row[column];
      const found = values.find((x) => x === v);
      return found ?? fail(column, `one of ${values.join(', ')}`);
    },
    nullableOneOf: <T extends string>(column: string, values: readonly T[]): T | null => {
      if (isNull(column)) return null;
      const found = values.find((x) => x === row[column]);
      return found ?? fail(column, `null or one of ${values.join(', ')}`);
    },
    texts: (column: string): string[] => {
      const v = row[column];
      return Array.isArray(v) && v.every((x): x is string => typeof x === 'string') ? v : fail(column, 'text[]');
    },
  };
}

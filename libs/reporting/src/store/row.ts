/** Reading rows of the reporting tables: every field checked, never cast (as the case stores do). */
export type Row = Readonly<Record<string, unknown>>;

export function rows(result: unknown): Row[] {
  if (!Array.isArray(result)) throw new Error('expected the rows of a query');
  return result.map((r: unknown) => {
    if (typeof r !== 'object' || r === null) throw new Error('expected a row');
    return r as Row;
  });
}

export function fields(table: string, row: Row) {
  const fail = (column: string, expected: string): never => {
    throw new Error(`${table}.${column}: expected ${expected}`);
  };
  const text = (c: string): string => (typeof row[c] === 'string' ? (row[c] as string) : fail(c, 'text'));
  const int = (c: string): number => {
    const v = row[c];
    if (typeof v === 'number' && Number.isInteger(v)) return v;
    if (typeof v === 'string' && /^-?\d+$/.test(v)) return Number(v);
    return fail(c, 'an integer');
  };
  const date = (c: string): Date => {
    const v = row[c];
    if (v instanceof Date) return v;
    if (typeof v === 'string' && !Number.isNaN(new Date(v).getTime())) return new Date(v);
    return fail(c, 'a timestamp');
  };
  const oneOf = <T extends string>(c: string, values: readonly T[]): T => {
    const v = row[c];
    return typeof v === 'string' && (values as readonly string[]).includes(v) ? (v as T) : fail(c, `one of ${values.join(', ')}`);
  };
  return {
    text,
    int,
    date,
    oneOf,
    bool: (c: string): boolean => (typeof row[c] === 'boolean' ? (row[c] as boolean) : fail(c, 'a boolean')),
    nullableText: (c: string): string | null => (row[c] === null || row[c] === undefined ? null : text(c)),
    nullableDate: (c: string): Date | null => (row[c] === null || row[c] === undefined ? null : date(c)),
    nullableInt: (c: string): number | null => (row[c] === null || row[c] === undefined ? null : int(c)),
    nullableOneOf: <T extends string>(c: string, values: readonly T[]): T | null => (row[c] === null || row[c] === undefined ? null : oneOf(c, values)),
  };
}

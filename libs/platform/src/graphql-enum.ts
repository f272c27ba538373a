/** A GraphQL enum object built from the same constant list the database enum uses. */
export function enumFrom<T extends string>(values: readonly T[]): Record<T, T> {
  return Object.fromEntries(values.map((v) => [v, v])) as Record<T, T>;
}

// The platform's row readers (every field checked, never cast), under the names the callbacks store uses.
import { rowFields } from '@schakel/platform';

export type Row = rowFields.Row;
export const { tableReader: reader } = rowFields;

export function rowsOf(result: unknown, table: string): Row[] {
  return rowFields.parseRows(result, (value) => rowFields.tableRow(value, table));
}

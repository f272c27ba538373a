// The platform's row readers (every field checked, never cast), under the names the reporting stores use.
import { rowFields } from '@schakel/platform';

export type Row = rowFields.Row;
export const { tableReader: fields } = rowFields;

export function rows(result: unknown): Row[] {
  return rowFields.parseRows(result, (value) => rowFields.tableRow(value, 'report'));
}

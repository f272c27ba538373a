// The platform's row readers (every field checked, never cast) under the short names this lib's
// stores use; one implementation for every lib.
import { rowFields } from '@schakel/platform';

export type Row = rowFields.Row;
export const { RowShapeError, asRow, rowsOf, str, strOrNull, int, intOrNull, date, dateOrNull, oneOf, json, bool, strArray } = rowFields;

// The platform's row readers (every field checked, never cast), under the names the case stores use.
import { rowFields } from '@schakel/platform';

export type Row = rowFields.Row;
export const { RowShapeError, parseRows, tableRow: asRow, tableReader: reader } = rowFields;

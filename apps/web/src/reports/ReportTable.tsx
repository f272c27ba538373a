import { Button, Table, TableBody, TableCaption, TableCell, TableHeader, TableHeaderCell, TableRow } from '@utrecht/component-library-react';
import { download } from '../action-lists/present';
import { useAnnounce } from '../ui/announcer';
import { csvFileName, toCsv, type CsvValue } from './csv';

export interface Column {
  label: string;
  /** Right-aligned figures. */
  numeric?: boolean;
}

export interface Row {
  key: string;
  /** The first cell heads the row. */
  cells: CsvValue[];
}

/**
 * A report table with its caption and a CSV download of exactly what it shows ("< 5" stays
 * text). It scrolls sideways on a narrow screen instead of the page (WCAG 1.4.10).
 */
export function ReportTable({ id, title, columns, rows, fileName, empty = 'Geen gegevens in deze periode.' }: { id: string; title: string; columns: Column[]; rows: Row[]; fileName?: string; empty?: string }) {
  const announce = useAnnounce();
  const captionId = `${id}-titel`;

  function downloadCsv() {
    const name = fileName ?? csvFileName(title);
    download(name, toCsv(columns.map((c) => c.label), rows.map((r) => r.cells)), 'text/csv;charset=utf-8');
    announce(`${name} is gedownload.`);
  }

  return (
    <div className="schakel-report-table" data-testid={`tabel-${id}`}>
      <div className="schakel-table-scroll" tabIndex={0} role="region" aria-labelledby={captionId}>
        <Table className="schakel-table" id={id}>
          <TableCaption id={captionId}>{title}</TableCaption>
          <TableHeader>
            <TableRow>
              {columns.map((c) => (
                <TableHeaderCell key={c.label} scope="col" className={c.numeric ? 'schakel-num' : undefined}>
                  {c.label}
                </TableHeaderCell>
              ))}
            </TableRow>
          </TableHeader>
          <TableBody>
            {rows.map((r) => (
              <TableRow key={r.key}>
                {r.cells.map((value, i) =>
                  i === 0 ? (
                    <TableHeaderCell key={columns[i]?.label ?? i} scope="row">
                      {value ?? '–'}
                    </TableHeaderCell>
                  ) : (
                    <TableCell key={columns[i]?.label ?? i} className={columns[i]?.numeric ? 'schakel-num' : undefined}>
                      {value ?? '–'}
                    </TableCell>
                  ),
                )}
              </TableRow>
            ))}
            {rows.length === 0 && (
              <TableRow>
                <TableCell colSpan={columns.length}>{empty}</TableCell>
              </TableRow>
            )}
          </TableBody>
        </Table>
      </div>
      {/* The name starts with the visible words (WCAG 2.5.3) and says which table. */}
      <Button appearance="secondary-action-button" type="button" className="schakel-no-print" onClick={downloadCsv} disabled={rows.length === 0} aria-label={`Download CSV: ${title}`}>
        Download CSV
      </Button>
    </div>
  );
}

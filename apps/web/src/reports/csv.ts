// Tables as CSV the way Dutch Excel opens them without an import wizard: `;` between values (the
// comma is the decimal sign here), a UTF-8 byte order mark (else Excel reads "coördinator" as
// Windows-1252), CRLF line ends. A suppressed cell stays the text "< 5", never a number.

export type CsvValue = string | number | null;

const BOM = '\uFEFF';
const SEPARATOR = ';';
const LINE_END = '\r\n';

/** Quotes a value when it holds the separator, a quote, a line break or leading/trailing spaces. */
export function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = typeof value === 'number' ? value.toLocaleString('nl-NL', { useGrouping: false, maximumFractionDigits: 2 }) : value;
  // A leading =, +, - or @ makes Excel run the text as a formula (CSV injection); a quote before
  // it keeps it text. Plain numbers (typed as number) are not touched.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]|^\s|\s$/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The whole file: BOM, header row, rows; every line ends in CRLF. */
export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly CsvValue[]>): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(SEPARATOR));
  return BOM + lines.map((line) => line + LINE_END).join('');
}

/** A file name from a title: lower case, letters, digits and dashes ("Knelpunten per maand" → "knelpunten-per-maand.csv"). */
export function csvFileName(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return `${slug || 'tabel'}.csv`;
}

import type { BottleneckReport } from './bottleneck-report.service';
import type { ExecutionReport, ExecutionRow } from './execution-report.service';
import { displayCell, type Measure } from './figures/cells';
import type { ExecutionFigures } from './figures/execution-figures';

/**
 * The reports' tables as CSV the way Dutch Excel opens them: UTF-8 with a byte order mark, `;`
 * between fields, CRLF between lines, decimal commas, suppressed cells as "< 5". Made from the same
 * published cells as the API's answer, so a CSV can never show more than the report.
 */
const BOM = '\uFEFF';

function field(value: string): string {
  // Quote when needed; a leading =, +, - or @ is neutralised so a spreadsheet does not run it as a formula.
  const safe = /^[=+\-@]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function toCsv(header: readonly string[], rows: ReadonlyArray<readonly string[]>): string {
  return BOM + [header, ...rows].map((r) => r.map(field).join(';')).join('\r\n') + '\r\n';
}

const decimal = (m: Measure) => displayCell(m, (n) => n.toLocaleString('nl-NL', { maximumFractionDigits: 3, useGrouping: false }));

const EXECUTION_COLUMNS: ReadonlyArray<[string, (f: ExecutionFigures) => string]> = [
  ['Verzonden', (f) => displayCell(f.counts.sent)],
  ['Ontvangen', (f) => displayCell(f.counts.received)],
  ['Opgepakt', (f) => displayCell(f.counts.accepted)],
  ['Contact gehad', (f) => displayCell(f.counts.contacted)],
  ['Afgerond', (f) => displayCell(f.counts.completed)],
  ['Geholpen', (f) => displayCell(f.counts.helped)],
  ['Deels geholpen', (f) => displayCell(f.counts.partlyHelped)],
  ['Niet geholpen', (f) => displayCell(f.counts.notHelped)],
  ['Doorgestuurd', (f) => displayCell(f.counts.forwarded)],
  ['Teruggestuurd', (f) => displayCell(f.counts.returned)],
  ['Ingetrokken', (f) => displayCell(f.counts.cancelled)],
  ['Open', (f) => displayCell(f.counts.open)],
  ['Geëscaleerd', (f) => displayCell(f.counts.escalated)],
  ['Oppakken gemeten', (f) => displayCell(f.counts.acceptMeasured)],
  ['Oppakken binnen norm', (f) => displayCell(f.counts.acceptWithinNorm)],
  ['Aandeel oppakken binnen norm', (f) => decimal(f.acceptWithinNormShare)],
  ['Contact gemeten', (f) => displayCell(f.counts.contactMeasured)],
  ['Contact binnen norm', (f) => displayCell(f.counts.contactWithinNorm)],
  ['Aandeel contact binnen norm', (f) => decimal(f.contactWithinNormShare)],
  ['Termijn uit actielijst', (f) => displayCell(f.counts.agreementNorm)],
  ['Werkdagen tot oppakken (mediaan)', (f) => decimal(f.acceptanceDays.median)],
  ['Werkdagen tot oppakken (P90)', (f) => decimal(f.acceptanceDays.p90)],
  ['Werkdagen tot eerste contact (mediaan)', (f) => decimal(f.firstContactDays.median)],
  ['Werkdagen tot eerste contact (P90)', (f) => decimal(f.firstContactDays.p90)],
  ['Ketenlengte (mediaan)', (f) => decimal(f.chainLength.median)],
  ['Verwijzingen met meer dan één schakel', (f) => displayCell(f.counts.multiLinkChains)],
];

/** One table: the total, then a row per month, topic and (joint report) party. */
export function executionCsv(report: ExecutionReport): string {
  const line = (kind: string, label: string, f: ExecutionFigures) => [kind, label, ...EXECUTION_COLUMNS.map(([, value]) => value(f))];
  const rows = (kind: string, list: ExecutionRow[]) => list.map((r) => line(kind, r.label, r.figures));
  return toCsv(
    ['Indeling', 'Rij', ...EXECUTION_COLUMNS.map(([name]) => name)],
    [line('Totaal', `${report.period.from} t/m ${report.period.to}`, report.totals), ...rows('Maand', report.byMonth), ...rows('Onderwerp', report.byTopic), ...rows('Organisatie', report.byOrganisation)],
  );
}

/** The groups with their counts, then the months. */
export function bottleneckCsv(report: BottleneckReport): string {
  return toCsv(
    ['Indeling', 'Rij', 'Knelpunten', 'Met maatwerk'],
    [
      ['Totaal', `${report.period.from} t/m ${report.period.to}`, displayCell(report.total), displayCell(report.maatwerk)],
      ...report.groups.map((g) => ['Groep', g.label, displayCell(g.count), displayCell(g.maatwerk)]),
      ...report.trend.map((m) => ['Maand', m.label, displayCell(m.count), displayCell(m.maatwerk)]),
    ],
  );
}

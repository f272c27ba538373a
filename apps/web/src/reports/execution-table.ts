import type { ExecutionFiguresShownFragment } from '../api/generated';
import type { CsvValue } from './csv';
import type { Column, Row } from './ReportTable';

// One column set for every "staat van de uitvoering" table (per month, topic, party), so the
// screen, the year report and the CSV files read alike.

const FIGURES: ReadonlyArray<{ label: string; value: (f: ExecutionFiguresShownFragment) => string }> = [
  { label: 'Verzonden', value: (f) => f.sent.display },
  { label: 'Ontvangen', value: (f) => f.received.display },
  { label: 'Opgepakt', value: (f) => f.accepted.display },
  { label: 'Mediaan werkdagen tot oppakken', value: (f) => f.acceptanceDays.median.display },
  { label: '90% opgepakt binnen (werkdagen)', value: (f) => f.acceptanceDays.p90.display },
  { label: 'Mediaan werkdagen tot eerste contact', value: (f) => f.firstContactDays.median.display },
  { label: '90% contact binnen (werkdagen)', value: (f) => f.firstContactDays.p90.display },
  { label: 'Opgepakt binnen de norm', value: (f) => f.acceptWithinNormShare.display },
  { label: 'Contact binnen de norm', value: (f) => f.contactWithinNormShare.display },
  { label: 'Opgeschaald', value: (f) => f.escalated.display },
  { label: 'Doorgestuurd', value: (f) => f.forwarded.display },
  { label: 'Teruggestuurd', value: (f) => f.returned.display },
  { label: 'Geholpen', value: (f) => f.helped.display },
  { label: 'Deels geholpen', value: (f) => f.partlyHelped.display },
  { label: 'Niet geholpen', value: (f) => f.notHelped.display },
  { label: 'Nog open', value: (f) => f.open.display },
];

export function executionColumns(first: string): Column[] {
  return [{ label: first }, ...FIGURES.map((f) => ({ label: f.label, numeric: true }))];
}

export function executionRow(key: string, label: string, figures: ExecutionFiguresShownFragment): Row {
  return { key, cells: [label, ...FIGURES.map((f): CsvValue => f.value(figures))] };
}

/** The totals as "what, how many" rows: the headline figures and the chain length. */
export function totalsRows(f: ExecutionFiguresShownFragment): Row[] {
  const rows: Array<[string, string]> = [
    ['Verzonden overdrachten', f.sent.display],
    ['Ontvangen overdrachten', f.received.display],
    ['Opgepakt', f.accepted.display],
    ['Contact met de inwoner', f.contacted.display],
    ['Afgerond', f.completed.display],
    ['Mediaan werkdagen tot oppakken', f.acceptanceDays.median.display],
    ['90% opgepakt binnen (werkdagen)', f.acceptanceDays.p90.display],
    ['Mediaan werkdagen tot eerste contact', f.firstContactDays.median.display],
    ['90% eerste contact binnen (werkdagen)', f.firstContactDays.p90.display],
    ['Opgepakt binnen de norm', f.acceptWithinNormShare.display],
    ['Eerste contact binnen de norm', f.contactWithinNormShare.display],
    ['Met een termijn uit een actielijst', f.agreementNorm.display],
    ['Opgeschaald (termijn voorbij)', f.escalated.display],
    ['Warm doorgestuurd (verkeerde deur hersteld)', f.forwarded.display],
    ['Teruggestuurd met uitleg', f.returned.display],
    ['Ingetrokken', f.cancelled.display],
    ['Verwijzingen met meer dan één schakel', f.multiLinkChains.display],
    ['Mediaan ketenlengte (schakels)', f.chainLength.median.display],
    ['90% van de ketens hoogstens (schakels)', f.chainLength.p90.display],
    ['Geholpen', f.helped.display],
    ['Deels geholpen', f.partlyHelped.display],
    ['Niet geholpen', f.notHelped.display],
    ['Nog open', f.open.display],
  ];
  return rows.map(([label, value]) => ({ key: label, cells: [label, value] }));
}

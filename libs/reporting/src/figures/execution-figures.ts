import { REPORT_COUNTERS, type DurationMetric, type ReportCounter } from '@schakel/referrals';
import { type AdditiveGroup, type Cell, type DraftCell, draftCell, hiddenPart, type Measure, measure, publish, suppressDerivable } from './cells';
import { type Histogram, median, percentile, size } from './distribution';

/** The counts a figures block shows (camelCase of the aggregate columns). */
export const COUNT_FIELDS = {
  sent: 'sent',
  received: 'received',
  accepted: 'accepted',
  contacted: 'contacted',
  completed: 'completed',
  helped: 'helped',
  partlyHelped: 'partly_helped',
  notHelped: 'not_helped',
  forwarded: 'forwarded',
  returned: 'returned',
  cancelled: 'cancelled',
  escalated: 'escalated',
  open: 'open',
  acceptMeasured: 'accept_measured',
  acceptWithinNorm: 'accept_within',
  contactMeasured: 'contact_measured',
  contactWithinNorm: 'contact_within',
  agreementNorm: 'agreement_norm',
  multiLinkChains: 'multi_link_chains',
} as const satisfies Record<string, ReportCounter>;
export type CountField = keyof typeof COUNT_FIELDS;
const FIELDS = Object.keys(COUNT_FIELDS) as CountField[];

export type Counts = Record<ReportCounter, number>;
export type Histograms = Record<DurationMetric, Histogram>;

export function emptyCounts(): Counts {
  return Object.fromEntries(REPORT_COUNTERS.map((c) => [c, 0])) as Counts;
}

export function emptyHistograms(): Histograms {
  return { ACCEPT: new Map(), CONTACT: new Map(), CHAIN: new Map() };
}

export function addCounts(target: Counts, add: Counts): void {
  for (const c of REPORT_COUNTERS) target[c] += add[c];
}

export interface Spread {
  median: Measure;
  p90: Measure;
  /** How many cases the measures rest on. */
  cases: Cell;
}

export interface ExecutionFigures {
  counts: Record<CountField, Cell>;
  acceptanceDays: Spread;
  firstContactDays: Spread;
  chainLength: Spread;
  acceptWithinNormShare: Measure;
  contactWithinNormShare: Measure;
}

/** A figures block while suppression is decided. */
export interface DraftFigures {
  cells: Record<CountField, DraftCell>;
  missedAccept: DraftCell;
  missedContact: DraftCell;
  histograms: Histograms;
}

export function draftFigures(counts: Counts, histograms: Histograms): DraftFigures {
  const cells = Object.fromEntries(FIELDS.map((f) => [f, draftCell(counts[COUNT_FIELDS[f]])])) as Record<CountField, DraftCell>;
  return {
    cells,
    missedAccept: hiddenPart(counts.accept_measured - counts.accept_within),
    missedContact: hiddenPart(counts.contact_measured - counts.contact_within),
    histograms,
  };
}

/** The sums inside one block: statuses make up what was received, outcomes what was completed, within + missed what was measured. */
export function groupsWithin(f: DraftFigures): AdditiveGroup[] {
  const c = f.cells;
  return [
    { parts: [c.open, c.completed, c.forwarded, c.returned, c.cancelled], total: c.received },
    { parts: [c.helped, c.partlyHelped, c.notHelped], total: c.completed },
    { parts: [c.acceptWithinNorm, f.missedAccept], total: c.acceptMeasured },
    { parts: [c.contactWithinNorm, f.missedContact], total: c.contactMeasured },
  ];
}

/** Rows (months, topics, organisations) that add up to the total, field by field. */
export function groupsAcross(rows: readonly DraftFigures[], total: DraftFigures): AdditiveGroup[] {
  if (rows.length === 0) return [];
  return [
    ...FIELDS.map((f) => ({ parts: rows.map((r) => r.cells[f]), total: total.cells[f] })),
    { parts: rows.map((r) => r.missedAccept), total: total.missedAccept },
    { parts: rows.map((r) => r.missedContact), total: total.missedContact },
  ];
}

function spread(h: Histogram): Spread {
  const n = size(h);
  return { median: measure(median(h), n), p90: measure(percentile(h, 90), n), cases: publish(draftCell(n)) };
}

function share(within: DraftCell, measured: DraftCell): Measure {
  const value = measured.count === 0 ? null : Math.round((within.count / measured.count) * 1000) / 1000;
  return measure(value, measured.count, within.suppressed || measured.suppressed);
}

export function publishFigures(f: DraftFigures): ExecutionFigures {
  return {
    counts: Object.fromEntries(FIELDS.map((k) => [k, publish(f.cells[k])])) as Record<CountField, Cell>,
    acceptanceDays: spread(f.histograms.ACCEPT),
    firstContactDays: spread(f.histograms.CONTACT),
    chainLength: spread(f.histograms.CHAIN),
    acceptWithinNormShare: share(f.cells.acceptWithinNorm, f.cells.acceptMeasured),
    contactWithinNormShare: share(f.cells.contactWithinNorm, f.cells.contactMeasured),
  };
}

export interface Breakdown<K extends string> {
  key: K;
  figures: DraftFigures;
}

/**
 * Suppresses the whole table at once (the total, its breakdowns and the sums inside each block),
 * so a cell hidden in one place cannot be recovered from another, then publishes it.
 */
export function suppressTable(total: DraftFigures, breakdowns: ReadonlyArray<readonly DraftFigures[]>): void {
  const all = [total, ...breakdowns.flat()];
  suppressDerivable([...all.flatMap(groupsWithin), ...breakdowns.flatMap((rows) => groupsAcross(rows, total))]);
}

/**
 * Statistical disclosure control for the reports (docs/reports.md): a count of 1 to 4 is shown as
 * "< 5" (primary suppression; 0 describes no one and is shown), and where a suppressed count could be worked out as a
 * total minus the shown parts, the smallest shown part of that sum is suppressed too (secondary
 * suppression), as statistics offices do.
 */
export const SUPPRESSION_THRESHOLD = 5;
export const SUPPRESSED_TEXT = `< ${SUPPRESSION_THRESHOLD}`;

/** A count as the report shows it; `value` is null when suppressed. */
export interface Cell {
  value: number | null;
  suppressed: boolean;
}

/** A count while the report is being built: the true value stays until the cell is published. */
export interface DraftCell {
  readonly count: number;
  suppressed: boolean;
  /** Never shown (e.g. "missed" = measured − within), but a reader could derive it. */
  readonly hidden?: boolean;
}

/** Counts that would single someone out: 1 to 4. */
export function sensitive(count: number): boolean {
  return count > 0 && count < SUPPRESSION_THRESHOLD;
}

export function draftCell(count: number): DraftCell {
  return { count, suppressed: sensitive(count) };
}

/** A part of a sum that the report does not show but a reader could derive (e.g. "missed" = measured − within). */
export function hiddenPart(count: number): DraftCell {
  return { count, suppressed: false, hidden: true };
}

/** Parts that add up to a total, all shown side by side. */
export interface AdditiveGroup {
  parts: readonly DraftCell[];
  total: DraftCell;
}

/**
 * Secondary suppression until nothing changes: in a group whose total is shown, a part that is the
 * only one not shown could be derived as the total minus the others. When that part is suppressed
 * (or is a hidden part below the threshold), the smallest shown part (first on a tie) is
 * suppressed too. Cells shared by several groups (a month's count in its column and in the month's
 * own sum) are the same objects, so one pass's change is seen by the next.
 */
export function suppressDerivable(groups: readonly AdditiveGroup[]): void {
  const unknown = (p: DraftCell) => p.suppressed || p.hidden === true;
  for (let changed = true; changed; ) {
    changed = false;
    for (const group of groups) {
      if (group.total.suppressed) continue;
      const notShown = group.parts.filter(unknown);
      if (notShown.length !== 1) continue;
      const [only] = notShown;
      if (!only.suppressed && !sensitive(only.count)) continue;
      const candidates = group.parts.filter((p) => !unknown(p));
      if (candidates.length === 0) continue;
      const smallest = candidates.reduce((a, b) => (b.count < a.count ? b : a));
      smallest.suppressed = true;
      changed = true;
    }
  }
}

export function publish(cell: DraftCell): Cell {
  return cell.suppressed ? { value: null, suppressed: true } : { value: cell.count, suppressed: false };
}

/** A median, percentile or share: suppressed when it rests on fewer cases than the threshold. */
export interface Measure {
  value: number | null;
  suppressed: boolean;
}

export function measure(value: number | null, basis: number, extraSuppression = false): Measure {
  if (basis === 0) return { value: null, suppressed: false };
  const suppressed = basis < SUPPRESSION_THRESHOLD || extraSuppression;
  return suppressed ? { value: null, suppressed: true } : { value, suppressed: false };
}

export function displayCell(cell: Cell | Measure, format: (n: number) => string = String): string {
  return cell.suppressed ? SUPPRESSED_TEXT : cell.value === null ? '–' : format(cell.value);
}

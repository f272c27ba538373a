/**
 * Medians and percentiles from a histogram of whole working days (value → number of cases), so
 * they can be combined over months, topics and organisations exactly: the aggregate tables keep
 * histograms, never averages of medians.
 */
export type Histogram = Map<number, number>;

export function addTo(target: Histogram, value: number, n: number): void {
  target.set(value, (target.get(value) ?? 0) + n);
}

export function size(h: Histogram): number {
  let n = 0;
  for (const c of h.values()) n += c;
  return n;
}

/** The value at 1-based rank `rank` in the sorted cases. */
function atRank(sorted: ReadonlyArray<[number, number]>, rank: number): number {
  let seen = 0;
  for (const [value, count] of sorted) {
    seen += count;
    if (seen >= rank) return value;
  }
  throw new Error('rank beyond the histogram');
}

function sortedOf(h: Histogram): Array<[number, number]> {
  return [...h.entries()].filter(([, c]) => c > 0).sort((a, b) => a[0] - b[0]);
}

/** The median: the middle case, or the mean of the two middle cases for an even number. */
export function median(h: Histogram): number | null {
  const n = size(h);
  if (n === 0) return null;
  const sorted = sortedOf(h);
  if (n % 2 === 1) return atRank(sorted, (n + 1) / 2);
  return (atRank(sorted, n / 2) + atRank(sorted, n / 2 + 1)) / 2;
}

/** The p-th percentile by the nearest-rank method: the smallest value with at least p% of cases at or below it. */
export function percentile(h: Histogram, p: number): number | null {
  const n = size(h);
  if (n === 0) return null;
  return atRank(sortedOf(h), Math.max(1, Math.ceil((p / 100) * n)));
}

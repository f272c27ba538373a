import type { LiveReceivedFigures } from '@schakel/live-handoffs';
import { type Cell, draftCell, hiddenPart, measure, type Measure, publish, suppressDerivable } from './cells';

/** Live warm handoffs one organisation received in the period, as the report shows them. */
export interface LiveRow {
  key: string;
  label: string;
  received: Cell;
  pickedUp: Cell;
  fellBack: Cell;
  /** Seconds from the request to the pick-up, over the picked-up requests. */
  medianSecondsToPickUp: Measure;
  p90SecondsToPickUp: Measure;
}

/**
 * Counts under 5 are suppressed like every other cell, and so is a part that could be worked out
 * as received minus the others (the withdrawn requests are a hidden part of that sum); the time to
 * pick up rests on the picked-up requests and is suppressed with them.
 */
export function liveRows(perOrganisation: ReadonlyArray<{ key: string; label: string; figures: LiveReceivedFigures }>): LiveRow[] {
  const drafts = perOrganisation.map(({ key, label, figures }) => ({
    key,
    label,
    figures,
    received: draftCell(figures.received),
    pickedUp: draftCell(figures.pickedUp),
    fellBack: draftCell(figures.fellBack),
    cancelled: hiddenPart(figures.cancelled),
  }));
  suppressDerivable(drafts.map((d) => ({ total: d.received, parts: [d.pickedUp, d.fellBack, d.cancelled] })));
  return drafts.map((d) => ({
    key: d.key,
    label: d.label,
    received: publish(d.received),
    pickedUp: publish(d.pickedUp),
    fellBack: publish(d.fellBack),
    medianSecondsToPickUp: measure(d.figures.medianPickUpSeconds, d.figures.pickedUp, d.pickedUp.suppressed),
    p90SecondsToPickUp: measure(d.figures.p90PickUpSeconds, d.figures.pickedUp, d.pickedUp.suppressed),
  }));
}

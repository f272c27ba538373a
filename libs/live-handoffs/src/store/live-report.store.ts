import type { EntityManager } from 'typeorm';
import { int, intOrNull, rowsOf } from './row';

/** Live requests one organisation received in a period, and how quickly they were picked up (seconds). */
export interface LiveReceivedFigures {
  received: number;
  pickedUp: number;
  fellBack: number;
  /** Withdrawn by the sender (or ended because the handoff moved on): received minus the other two. */
  cancelled: number;
  /** Seconds from request to pick-up, over the picked-up requests; null when there are none. */
  medianPickUpSeconds: number | null;
  p90PickUpSeconds: number | null;
}

/**
 * For the staat van de uitvoering: counts and the time to pick up of live requests to
 * `organisationId`, requested in the months from `firstMonth` through `lastMonth` (YYYY-MM-01,
 * months on the Amsterdam calendar). Runs in that organisation's tenant; ids never leave it.
 */
export async function liveReceivedFigures(m: EntityManager, organisationId: string, firstMonth: string, lastMonth: string): Promise<LiveReceivedFigures> {
  const [row] = rowsOf(
    await m.query(
      `WITH l AS (
         SELECT status, extract(epoch FROM picked_up_at - requested_at) AS seconds FROM live_handoffs
          WHERE to_organisation_id = $1
            AND requested_at >= ($2::date)::timestamp AT TIME ZONE 'Europe/Amsterdam'
            AND requested_at < ($3::date + interval '1 month')::timestamp AT TIME ZONE 'Europe/Amsterdam')
       SELECT count(*)::int AS received,
              count(*) FILTER (WHERE status = 'PICKED_UP')::int AS picked_up,
              count(*) FILTER (WHERE status = 'FELL_BACK')::int AS fell_back,
              count(*) FILTER (WHERE status = 'CANCELLED')::int AS cancelled,
              round(percentile_cont(0.5) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE status = 'PICKED_UP'))::int AS median,
              round(percentile_cont(0.9) WITHIN GROUP (ORDER BY seconds) FILTER (WHERE status = 'PICKED_UP'))::int AS p90
         FROM l`,
      [organisationId, firstMonth, lastMonth],
    ),
  );
  return {
    received: int(row, 'received'),
    pickedUp: int(row, 'picked_up'),
    fellBack: int(row, 'fell_back'),
    cancelled: int(row, 'cancelled'),
    medianPickUpSeconds: intOrNull(row, 'median'),
    p90PickUpSeconds: intOrNull(row, 'p90'),
  };
}

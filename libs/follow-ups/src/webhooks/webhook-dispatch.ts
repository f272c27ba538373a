import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, queryReturning, QueueName, type RelayedEvent, runInTenant, switchTenant } from '@schakel/platform';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { toWebhookEvent } from './webhook-event';
import { deliverJob } from './webhook-jobs';
import type { FannedOutDelivery, PendingDelivery } from './webhook-records';

/** An event as the fan-out needs it: its id, channel and body, and the organisations of its chain. */
export interface FanOutItem {
  eventId: string;
  kanaal: string;
  body: string;
  organisationIds: string[];
}

/** The fan-out part of relayed events; events without a webhook channel give nothing. */
export function fanOutItems(events: readonly RelayedEvent[]): FanOutItem[] {
  const items: FanOutItem[] = [];
  for (const event of events) {
    const body = toWebhookEvent(event);
    if (!body) continue;
    const chain = Array.isArray(event.payload.organisationIds) ? event.payload.organisationIds : [];
    items.push({ eventId: event.outboxId, kanaal: body.kanaal, body: JSON.stringify(body), organisationIds: [...new Set(chain)] });
  }
  return items;
}

/**
 * Fans events out to deliveries: one PENDING row per (active subscription, event) of each
 * organisation in the event's chain, and only those. Runs inside the caller's transaction with
 * the caller's EntityManager (the processor commits deliveries with the event's other effects);
 * the jobs are queued after the commit, so a job never runs before its row exists.
 */
@Injectable()
export class WebhookDispatch {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
  ) {}

  /**
   * For every organisation of the items' chains, in its tenant: inserts the deliveries and gives
   * back every PENDING delivery of these events (also those an interrupted earlier run inserted
   * but never queued). Leaves the transaction in the last organisation's tenant.
   */
  async fanOut(m: EntityManager, items: readonly FanOutItem[]): Promise<FannedOutDelivery[]> {
    const organisations = new Set(items.flatMap((i) => i.organisationIds));
    const pending: FannedOutDelivery[] = [];
    for (const organisationId of organisations) {
      await switchTenant(m, organisationId);
      pending.push(...(await this.fanOutInTenant(m, organisationId, items.filter((i) => i.organisationIds.includes(organisationId)))));
    }
    return pending;
  }

  /**
   * The fan-out for one organisation, whose tenant the caller's transaction is in: one statement
   * for all items. An organisation without an active subscription costs one probe of the partial
   * index on active subscriptions and inserts nothing.
   */
  async fanOutInTenant(m: EntityManager, organisationId: string, items: readonly FanOutItem[]): Promise<FannedOutDelivery[]> {
    if (items.length === 0) return [];
    const rows: Array<{ id: string; retries: number; eventId: string }> = await m.query(
      `WITH ev AS (SELECT * FROM unnest($2::uuid[], $3::text[], $4::jsonb[]) AS e(event_id, kanaal, body)),
            ins AS (
              INSERT INTO webhook_deliveries (subscription_id, organisation_id, event_id, kanaal, body)
              SELECT s.id, s.organisation_id, ev.event_id, ev.kanaal, ev.body
                FROM webhook_subscriptions s JOIN ev ON ev.kanaal = ANY(s.channels)
               WHERE s.organisation_id = $1 AND s.active
              ON CONFLICT (subscription_id, event_id) DO NOTHING
              RETURNING id, retries, event_id)
       SELECT id, retries, event_id AS "eventId" FROM ins
       UNION ALL
       SELECT d.id, d.retries, d.event_id FROM webhook_deliveries d
        WHERE d.organisation_id = $1 AND d.event_id = ANY($2::uuid[]) AND d.status = 'PENDING'`,
      [organisationId, items.map((i) => i.eventId), items.map((i) => i.kanaal), items.map((i) => i.body)],
    );
    return rows.map((r) => ({ id: r.id, organisationId, retries: r.retries, eventId: r.eventId }));
  }

  /** Queues deliveries (after the commit that created them): one Redis round trip for the lot. */
  async enqueue(deliveries: readonly PendingDelivery[]): Promise<void> {
    if (deliveries.length > 0) await this.queue.addBulk(deliveries.map((d) => deliverJob(this.config, d)));
  }

  /**
   * Re-queues this organisation's PENDING deliveries untouched for `olderThanMs`, each under the
   * job id of its current round: a no-op while that job still exists (waiting, in backoff,
   * active), a rebuild when Redis lost it. Used by the follow-ups sweep.
   */
  async requeuePending(organisationId: string, olderThanMs: number, limit = 500): Promise<number> {
    const rows: Array<{ id: string; retries: number }> = await runInTenant(this.dataSource, { organisationId }, (m) =>
      m.query(
        `SELECT id, retries FROM webhook_deliveries
          WHERE organisation_id = $1 AND status = 'PENDING' AND updated_at < clock_timestamp() - make_interval(secs => $2::double precision / 1000)
          ORDER BY updated_at LIMIT $3`,
        [organisationId, olderThanMs, limit],
      ),
    );
    // Run per organisation every sweep: one Redis round trip for the lot, not one per delivery.
    await this.enqueue(rows.map((r) => ({ id: r.id, organisationId, retries: r.retries })));
    return rows.length;
  }

  /**
   * Retention (ADR 0011), inside the caller's transaction in one organisation's tenant: clears
   * the last error of that organisation's deliveries of these referrals (a partner's error text is
   * free text we do not control; the body holds ids and states only and stays). Gives back each
   * delivery's id and rounds, so the caller can remove its queue jobs.
   */
  async forgetForReferrals(m: EntityManager, referralIds: string[]): Promise<Array<{ id: string; retries: number }>> {
    return queryReturning<{ id: string; retries: number }>(
      m,
      `UPDATE webhook_deliveries SET last_error = NULL
        WHERE organisation_id = (SELECT app_current_organisation()) AND body -> 'kenmerken' ->> 'referralId' = ANY($1::text[])
        RETURNING id, retries`,
      [referralIds],
    );
  }
}

import { randomBytes, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, hasAnyRole, queryReturning, QueueName, requireExistingId, type RelayedEvent, type RequestContext, runInTenant, safeErrorMessage, TenantTransactions } from '@schakel/platform';
import type { Queue } from 'bullmq';
import { DataSource, type EntityManager } from 'typeorm';
import { type Dispatcher, fetch } from 'undici';
import { checkCallbackUrl, publicOnlyAgent } from './callback-url';
import { signWebhook } from './webhook-signature';
import { toWebhookEvent, WEBHOOK_CHANNELS, type WebhookChannel, type WebhookEvent } from './webhook-event';

export interface WebhookSubscriptionRecord {
  id: string;
  organisationId: string;
  callbackUrl: string;
  channels: string[];
  active: boolean;
  createdAt: Date;
}

export type DeliveryStatus = 'PENDING' | 'DELIVERED' | 'FAILED';

export interface WebhookDeliveryRecord {
  id: string;
  subscriptionId: string;
  eventId: string;
  kanaal: string;
  status: DeliveryStatus;
  attempts: number;
  lastStatusCode: number | null;
  lastError: string | null;
  deliveredAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const SUBSCRIPTION_COLUMNS = `s.id, s.organisation_id AS "organisationId", s.callback_url AS "callbackUrl", s.channels, s.active, s.created_at AS "createdAt"`;
const DELIVERY_COLUMNS = `d.id, d.subscription_id AS "subscriptionId", d.event_id AS "eventId", d.kanaal, d.status, d.attempts,
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Partner webhooks in the Notificaties API pattern: organisations subscribe a callback URL to
 * channels, and every event of a referral whose chain they are in is delivered, signed, at least
 * once, with retries; exhausted deliveries stay FAILED until someone retries them.
 */
/** Round 0 keeps the id deliveries always had (`.first`), so jobs queued before the change still count. */
export function webhookJobId(deliveryId: string, round: number): string {
  return `webhook.${deliveryId}.${round === 0 ? 'first' : `retry-${round}`}`;
}

/** A PENDING delivery untouched this long has no live job behind it any more; it may be retried. */
const STUCK_AFTER_MINUTES = 15;

@Injectable()
export class WebhooksService {
  private readonly logger = new Logger(WebhooksService.name);
  private readonly dispatcher?: Dispatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly tx: TenantTransactions,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
  ) {
    this.dispatcher = config.NODE_ENV === 'production' ? publicOnlyAgent() : undefined;
  }

  /** Creates a subscription after a signed test event got a 2xx; returns the secret once. */
  async subscribe(context: RequestContext, input: { callbackUrl: string; channels: string[] }): Promise<{ subscription: WebhookSubscriptionRecord; secret: string }> {
    this.requireManager(context);
    const channels = [...new Set(input.channels)];
    if (channels.length === 0 || channels.some((c) => !(WEBHOOK_CHANNELS as readonly string[]).includes(c))) {
      throw AppError.badInput({
        nl: `Kies een of meer kanalen uit: ${WEBHOOK_CHANNELS.join(', ')}.`,
        en: `Choose one or more channels from: ${WEBHOOK_CHANNELS.join(', ')}.`,
      }, { field: 'channels' });
    }
    const check = await checkCallbackUrl(input.callbackUrl, this.config.NODE_ENV === 'production');
    if (!check.ok) throw AppError.badInput(check.reason, { field: 'callbackUrl' });
    const secret = randomBytes(32).toString('base64url');
    const probe: WebhookEvent = {
      id: randomUUID(),
      kanaal: 'test',
      hoofdObject: `urn:schakel:organisation:${context.actor.organisationId}`,
      resource: 'webhookSubscription',
      resourceId: context.actor.organisationId,
      actie: 'verify',
      aanmaakdatum: new Date().toISOString(),
      kenmerken: { channels: channels.join(',') },
    };
    const result = await this.post(check.url.toString(), secret, probe);
    if (!result.ok) {
      throw AppError.badInput({
        nl: `De callbackUrl antwoordde niet met 2xx op het testbericht (${result.status ?? result.error}); controleer de ontvanger.`,
        en: `The callbackUrl did not answer the test event with 2xx (${result.status ?? result.error}); check the receiver.`,
      }, { field: 'callbackUrl' });
    }
    const subscription = await this.tx.run(context.actor, async (m) => {
      const rows: WebhookSubscriptionRecord[] = await m.query(
        `INSERT INTO webhook_subscriptions AS s (organisation_id, callback_url, channels, secret, created_by)
         VALUES ($1, $2, $3, $4, $5) RETURNING ${SUBSCRIPTION_COLUMNS}`,
        [context.actor.organisationId, check.url.toString(), channels, secret, context.actor.employeeId],
      );
      return rows[0];
    });
    return { subscription, secret };
  }

  async subscriptions(context: RequestContext): Promise<WebhookSubscriptionRecord[]> {
    this.requireManager(context);
    return this.tx.run(context.actor, (m) => m.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s ORDER BY s.created_at DESC`));
  }

  async unsubscribe(context: RequestContext, id: string): Promise<WebhookSubscriptionRecord> {
    this.requireManager(context);
    const rows: WebhookSubscriptionRecord[] = await this.tx.run(context.actor, async (m) => {
      await m.query(`UPDATE webhook_subscriptions SET active = false WHERE id = $1`, [requireExistingId(id, { nl: 'Dit object', en: 'This object' })]);
      return m.query(`SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions s WHERE s.id = $1`, [id]);
    });
    if (!rows[0]) throw AppError.notFound({ nl: 'Dit abonnement', en: 'This subscription' });
    return rows[0];
  }

  async deliveries(context: RequestContext, status: DeliveryStatus | null, first = 50): Promise<WebhookDeliveryRecord[]> {
    this.requireManager(context);
    if (!Number.isInteger(first) || first < 1 || first > 100) throw AppError.badInput({ nl: 'first moet tussen 1 en 100 liggen.', en: 'first must be between 1 and 100.' }, { field: 'first' });
    return this.tx.run(context.actor, (m) =>
      m.query(
        `SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE ($1::webhook_delivery_status IS NULL OR d.status = $1) ORDER BY d.created_at DESC LIMIT $2`,
        [status, first],
      ),
    );
  }

  /** Sends a delivery again, from the first attempt (e.g. after the partner fixed its receiver). */
  async retry(context: RequestContext, id: string): Promise<WebhookDeliveryRecord> {
    this.requireManager(context);
    const { record, retries } = await this.tx.run(context.actor, async (m) => {
      const rows: WebhookDeliveryRecord[] = await m.query(`SELECT ${DELIVERY_COLUMNS} FROM webhook_deliveries d WHERE d.id = $1 FOR UPDATE`, [requireExistingId(id, { nl: 'Dit object', en: 'This object' })]);
      const found = rows[0];
      if (!found) throw AppError.notFound({ nl: 'Deze aflevering', en: 'This delivery' });
      if (found.status === 'DELIVERED') {
        throw new AppError('INVALID_TRANSITION', { nl: 'Deze aflevering is al gelukt.', en: 'This delivery already succeeded.' }, { status: found.status });
      }
      if (found.status === 'PENDING' && found.updatedAt.getTime() > Date.now() - STUCK_AFTER_MINUTES * 60_000) {
        throw AppError.conflict({ nl: 'Deze aflevering wordt nog geprobeerd.', en: 'This delivery is still being attempted.' }, { status: found.status });
      }
      const updated = await queryReturning<WebhookDeliveryRecord & { retries: number }>(
        m,
        `UPDATE webhook_deliveries d SET status = 'PENDING', retries = retries + 1, updated_at = now() WHERE d.id = $1 RETURNING ${DELIVERY_COLUMNS}, d.retries`,
        [id],
      );
      const { retries: round, ...row } = updated[0];
      return { record: row, retries: round };
    });
    // Queued after commit, so the worker reads the new round (a job queued before commit could run
    // first, see the old round and end without delivering). A new round gets a new job id; a job
    // of the previous round that still runs is stale. If Redis is away now, the follow-ups sweep
    // queues the PENDING delivery from the table under this same job id.
    await this.enqueue(record.id, context.actor.organisationId, retries).catch((error: unknown) =>
      this.logger.warn(`Webhook retry ${record.id} not queued yet, the sweep will: ${safeErrorMessage(error)}`),
    );
    return record;
  }

  /** Fans an event out to the subscriptions of the organisations in its chain, and only those. */
  async fanOut(event: RelayedEvent): Promise<number> {
    const body = toWebhookEvent(event);
    if (!body) return 0;
    const chain = Array.isArray(event.payload.organisationIds) ? event.payload.organisationIds : [];
    let queued = 0;
    for (const organisationId of chain) {
      const pending: Array<{ id: string; retries: number }> = await runInTenant(this.dataSource, { organisationId }, async (m) => {
        await m.query(
          `INSERT INTO webhook_deliveries (subscription_id, organisation_id, event_id, kanaal, body)
           SELECT s.id, s.organisation_id, $2, $3, $4 FROM webhook_subscriptions s
            WHERE s.organisation_id = $1 AND s.active AND $3 = ANY(s.channels)
           ON CONFLICT (subscription_id, event_id) DO NOTHING`,
          [organisationId, event.outboxId, body.kanaal, JSON.stringify(body)],
        );
        // Also the ones a previous, interrupted run of this job inserted but did not queue.
        return m.query(`SELECT id, retries FROM webhook_deliveries WHERE organisation_id = $1 AND event_id = $2 AND status = 'PENDING'`, [organisationId, event.outboxId]);
      });
      for (const row of pending) {
        await this.enqueue(row.id, organisationId, row.retries);
        queued++;
      }
    }
    return queued;
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
    if (rows.length > 0) await this.queue.addBulk(rows.map((row) => this.deliverJob(row.id, organisationId, row.retries)));
    return rows.length;
  }

  /**
   * One attempt. Throws on failure so BullMQ retries; marks FAILED after the last attempt.
   * `round` is the delivery's `retries` when the job was queued: a job of an earlier round (say
   * the sweep re-created it just before someone pressed retry) does nothing, so it never doubles.
   */
  async attempt(deliveryId: string, organisationId: string, isLastAttempt: boolean, round?: number): Promise<void> {
    const delivery = await runInTenant(this.dataSource, { organisationId }, async (m) => {
      const rows: Array<{ status: DeliveryStatus; retries: number; body: WebhookEvent; callbackUrl: string; secret: string; active: boolean }> = await m.query(
        `SELECT d.status, d.retries, d.body, s.callback_url AS "callbackUrl", s.secret, s.active
           FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id WHERE d.id = $1`,
        [deliveryId],
      );
      return rows[0];
    });
    if (!delivery || delivery.status === 'DELIVERED') return;
    if (round !== undefined && round !== delivery.retries) return;
    if (!delivery.active) {
      await this.markFailed(deliveryId, organisationId, 'The subscription was deleted before delivery.');
      return;
    }
    const check = await checkCallbackUrl(delivery.callbackUrl, this.config.NODE_ENV === 'production');
    const result: PostResult = check.ok ? await this.post(delivery.callbackUrl, delivery.secret, delivery.body) : { ok: false, status: null, error: check.reason.en };
    await runInTenant(this.dataSource, { organisationId }, (m) =>
      m.query(
        `UPDATE webhook_deliveries SET attempts = attempts + 1, last_status_code = $2, last_error = $3, updated_at = now(),
                status = CASE WHEN $4 THEN 'DELIVERED' WHEN $5 THEN 'FAILED' ELSE status END::webhook_delivery_status,
                delivered_at = CASE WHEN $4 THEN now() ELSE delivered_at END
          WHERE id = $1`,
        [deliveryId, result.status, result.ok ? null : result.error.slice(0, 500), result.ok, !result.ok && isLastAttempt],
      ),
    );
    if (!result.ok) throw new Error(`Webhook delivery ${deliveryId} failed: ${result.status ?? result.error}`);
  }

  /** After the last attempt, whatever ended it (an error, a stalled job): the delivery is FAILED. */
  async markFailed(deliveryId: string, organisationId: string, reason: string, round?: number): Promise<void> {
    await runInTenant(this.dataSource, { organisationId }, (m) =>
      m.query(
        `UPDATE webhook_deliveries SET status = 'FAILED', last_error = COALESCE(last_error, $2), updated_at = now()
          WHERE id = $1 AND status = 'PENDING' AND ($3::int IS NULL OR retries = $3)`,
        [deliveryId, reason.slice(0, 500), round ?? null],
      ),
    );
  }

  /** Signed POST with Idempotency-Key = event id; no redirects followed, bounded in time. */
  async post(url: string, secret: string, event: WebhookEvent): Promise<PostResult> {
    const body = JSON.stringify(event);
    try {
      const res = await fetch(url, {
        method: 'POST',
        // In production a connect-time check against private addresses (undici dispatcher).
        dispatcher: this.dispatcher,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.WEBHOOK_TIMEOUT_MS),
        headers: {
          'Content-Type': 'application/json',
          'User-Agent': 'Schakel-Webhooks/1',
          'Idempotency-Key': event.id,
          'Schakel-Signature': signWebhook(secret, body),
        },
        body,
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status >= 200 && res.status < 300 ? { ok: true, status: res.status } : { ok: false, status: res.status, error: `HTTP ${res.status}` };
    } catch (error) {
      return { ok: false, status: null, error: (error as Error).message };
    }
  }

  /** The job id follows from the row (delivery and round), so whoever queues it gets the same job. */
  private async enqueue(deliveryId: string, organisationId: string, round: number): Promise<void> {
    const { name, data, opts } = this.deliverJob(deliveryId, organisationId, round);
    await this.queue.add(name, data, opts);
  }

  private deliverJob(deliveryId: string, organisationId: string, round: number) {
    return {
      name: 'deliver' as const,
      data: { deliveryId, organisationId, round },
      opts: {
        jobId: webhookJobId(deliveryId, round),
        attempts: this.config.WEBHOOK_ATTEMPTS,
        backoff: { type: 'exponential', delay: this.config.WEBHOOK_BACKOFF_MS },
      },
    };
  }

  private requireManager(context: RequestContext): void {
    if (!hasAnyRole(context.actor, ['BEHEERDER'])) {
      throw AppError.forbidden({
        nl: 'Alleen een beheerder van uw organisatie beheert webhooks.',
        en: 'Only an administrator (BEHEERDER) of your organisation manages webhooks.',
      });
    }
  }
}


export type { WebhookChannel };

import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, runInTenant } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { type Dispatcher, fetch } from 'undici';
import { checkCallbackUrl, publicOnlyAgent } from './callback-url';
import type { DeliveryStatus } from './webhook-records';
import { signWebhook } from './webhook-signature';
import type { WebhookEvent } from './webhook-event';

export type PostResult = { ok: true; status: number } | { ok: false; status: number | null; error: string };

/**
 * Sends webhooks: the signed HTTP POST, one attempt of a delivery and its record. No transaction
 * is open while the partner is called: the delivery is read in one, sent, and the attempt
 * recorded in the next, so a slow partner holds no connection and no lock.
 */
@Injectable()
export class WebhookSender {
  private readonly dispatcher?: Dispatcher;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.dispatcher = config.NODE_ENV === 'production' ? publicOnlyAgent() : undefined;
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
}

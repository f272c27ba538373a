import { randomBytes, randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, AppError, hasAnyRole, queryReturning, QueueName, requireExistingId, type RequestContext, safeErrorMessage, TenantTransactions } from '@schakel/platform';
import type { Queue } from 'bullmq';
import { checkCallbackUrl } from './callback-url';
import { WEBHOOK_CHANNELS, type WebhookEvent } from './webhook-event';
import { deliverJob } from './webhook-jobs';
import { DELIVERY_COLUMNS, type DeliveryStatus, SUBSCRIPTION_COLUMNS, type WebhookDeliveryRecord, type WebhookSubscriptionRecord } from './webhook-records';
import { WebhookSender } from './webhook-sender';

/** A PENDING delivery untouched this long has no live job behind it any more; it may be retried. */
const STUCK_AFTER_MINUTES = 15;

/**
 * Partner webhooks in the Notificaties API pattern, as an organisation's administrator manages
 * them: subscribe a callback URL to channels (after a signed test event got a 2xx), list and
 * delete subscriptions, list deliveries and send a failed one again. Every statement runs in the
 * caller's tenant, in the transaction it belongs to.
 */
@Injectable()
export class WebhookSubscriptions {
  private readonly logger = new Logger(WebhookSubscriptions.name);

  constructor(
    private readonly tx: TenantTransactions,
    private readonly sender: WebhookSender,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @InjectQueue(QueueName.Webhooks) private readonly queue: Queue,
  ) {}

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
    // The probe goes out before any transaction opens: a slow receiver holds no connection.
    const result = await this.sender.post(check.url.toString(), secret, probe);
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
    // The row lock is held only for the statements below, all on this transaction's connection.
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
    const { name, data, opts } = deliverJob(this.config, { id: record.id, organisationId: context.actor.organisationId, retries });
    await this.queue.add(name, data, opts).catch((error: unknown) =>
      this.logger.warn(`Webhook retry ${record.id} not queued yet, the sweep will: ${safeErrorMessage(error)}`),
    );
    return record;
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

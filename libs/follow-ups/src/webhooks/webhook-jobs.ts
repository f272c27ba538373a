import type { AppConfig, JobPayloads, QueueName } from '@schakel/platform';
import type { PendingDelivery } from './webhook-records';

/** Round 0 keeps the id deliveries always had (`.first`), so jobs queued before the change still count. */
export function webhookJobId(deliveryId: string, round: number): string {
  return `webhook.${deliveryId}.${round === 0 ? 'first' : `retry-${round}`}`;
}

export interface DeliverJob {
  name: 'deliver';
  data: JobPayloads[QueueName.Webhooks]['deliver'];
  opts: { jobId: string; attempts: number; backoff: { type: 'exponential'; delay: number } };
}

/**
 * The queue job of a delivery round. Its id follows from the row (delivery and round), so
 * whoever queues it (fan-out, retry, sweep) gets the same job, and a job Redis still holds is
 * not added twice.
 */
export function deliverJob(config: Pick<AppConfig, 'WEBHOOK_ATTEMPTS' | 'WEBHOOK_BACKOFF_MS'>, delivery: PendingDelivery): DeliverJob {
  return {
    name: 'deliver',
    data: { deliveryId: delivery.id, organisationId: delivery.organisationId, round: delivery.retries },
    opts: {
      jobId: webhookJobId(delivery.id, delivery.retries),
      attempts: config.WEBHOOK_ATTEMPTS,
      backoff: { type: 'exponential', delay: config.WEBHOOK_BACKOFF_MS },
    },
  };
}

/** The rows of `webhook_subscriptions` and `webhook_deliveries` as the services give them out. */
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

export const SUBSCRIPTION_COLUMNS = `s.id, s.organisation_id AS "organisationId", s.callback_url AS "callbackUrl", s.channels, s.active, s.created_at AS "createdAt"`;
export const DELIVERY_COLUMNS = `d.id, d.subscription_id AS "subscriptionId", d.event_id AS "eventId", d.kanaal, d.status, d.attempts,
  d.last_status_code AS "lastStatusCode", d.last_error AS "lastError", d.delivered_at AS "deliveredAt", d.created_at AS "createdAt", d.updated_at AS "updatedAt"`;

/** A delivery that still has to be sent, in the round (`retries`) its job belongs to. */
export interface PendingDelivery {
  id: string;
  organisationId: string;
  retries: number;
}

/** A delivery the fan-out created (or found PENDING) for an event. */
export interface FannedOutDelivery extends PendingDelivery {
  eventId: string;
}

import type { RelayedEvent } from '@schakel/platform';

export const WEBHOOK_CHANNELS = ['handoffs', 'referrals'] as const;
export type WebhookChannel = (typeof WEBHOOK_CHANNELS)[number];

/** The Notificaties API shape; ids only, never personal data. */
export interface WebhookEvent {
  id: string;
  kanaal: string;
  hoofdObject: string;
  resource: string;
  resourceId: string;
  actie: string;
  aanmaakdatum: string;
  kenmerken: Record<string, string | number | boolean | null>;
}

export function channelOf(topic: string): WebhookChannel | null {
  if (topic.startsWith('handoff.')) return 'handoffs';
  if (topic.startsWith('referral.')) return 'referrals';
  return null;
}

export function toWebhookEvent(event: RelayedEvent): WebhookEvent | null {
  const kanaal = channelOf(event.topic);
  if (!kanaal) return null;
  const p = event.payload;
  const referralId = String(p.referralId);
  const kenmerken: WebhookEvent['kenmerken'] = {};
  for (const key of ['referralId', 'handoffId', 'fromOrganisationId', 'toOrganisationId', 'status', 'version', 'escalationLevel', 'bottleneckId', 'category']) {
    const value = p[key];
    if (value !== undefined && !Array.isArray(value)) kenmerken[key] = value;
  }
  const resource = event.topic === 'referral.bottleneck_flagged' ? 'bottleneck' : event.topic === 'referral.note_added' ? 'note' : kanaal === 'handoffs' ? 'handoff' : 'referral';
  return {
    id: event.outboxId,
    kanaal,
    hoofdObject: `urn:schakel:referral:${referralId}`,
    resource,
    resourceId: resource === 'bottleneck' ? String(p.bottleneckId) : event.aggregateId,
    actie: event.topic.slice(event.topic.indexOf('.') + 1),
    aanmaakdatum: event.occurredAt,
    kenmerken,
  };
}

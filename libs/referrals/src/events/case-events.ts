/**
 * The case events Schakel publishes through the outbox: every topic and its payload, in one
 * place, for producers (the stores write them, partly in SQL) and consumers (follow-ups, live
 * events, webhooks). Payloads carry ids and states only, never personal data (guarantee 3).
 */
import type { HandoffStatus } from '../referral.enums';

export const HANDOFF_TOPICS = [
  'handoff.requested',
  'handoff.received',
  'handoff.accepted',
  'handoff.contact_recorded',
  'handoff.completed',
  'handoff.forwarded',
  'handoff.returned',
  'handoff.cancelled',
  'handoff.escalated',
] as const;
export type HandoffTopic = (typeof HANDOFF_TOPICS)[number];

export const REFERRAL_TOPICS_OUTBOX = ['referral.note_added', 'referral.bottleneck_flagged'] as const;
export type ReferralEventTopic = (typeof REFERRAL_TOPICS_OUTBOX)[number];

export type CaseEventTopic = HandoffTopic | ReferralEventTopic;

/** A handoff changed. `organisationIds`: the whole chain, so follow-ups know who may hear of it. */
export interface HandoffEventPayload {
  handoffId: string;
  referralId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  status: HandoffStatus;
  version: number;
  organisationIds: string[];
  /** On `handoff.requested` of a new referral only. */
  urgency?: string;
  topic?: string;
}

export interface HandoffEscalatedPayload extends Omit<HandoffEventPayload, 'version'> {
  escalationLevel: number;
  step: 'ACCEPT' | 'CONTACT';
}

export interface NoteAddedPayload {
  referralId: string;
  organisationIds: string[];
}

export interface BottleneckFlaggedPayload {
  referralId: string;
  bottleneckId: string;
  category: string;
  organisationIds: string[];
}

export interface CaseEventPayloads {
  'handoff.requested': HandoffEventPayload;
  'handoff.received': HandoffEventPayload;
  'handoff.accepted': HandoffEventPayload;
  'handoff.contact_recorded': HandoffEventPayload;
  'handoff.completed': HandoffEventPayload;
  'handoff.forwarded': HandoffEventPayload;
  'handoff.returned': HandoffEventPayload;
  'handoff.cancelled': HandoffEventPayload;
  'handoff.escalated': HandoffEscalatedPayload;
  'referral.note_added': NoteAddedPayload;
  'referral.bottleneck_flagged': BottleneckFlaggedPayload;
}

export function isCaseEventTopic(topic: string): topic is CaseEventTopic {
  return (HANDOFF_TOPICS as readonly string[]).includes(topic) || (REFERRAL_TOPICS_OUTBOX as readonly string[]).includes(topic);
}

/**
 * The SQL expression of a handoff event's payload for the row alias `alias` and a uuid[]
 * expression of the chain: the same shape as HandoffEventPayload (a test compares the two).
 */
export function handoffPayloadSql(alias: string, chainSql: string): string {
  return `jsonb_build_object('handoffId', ${alias}.id, 'referralId', ${alias}.referral_id, 'fromOrganisationId', ${alias}.from_organisation_id,
    'toOrganisationId', ${alias}.to_organisation_id, 'status', ${alias}.status, 'version', ${alias}.version, 'organisationIds', to_jsonb(${chainSql}))`;
}

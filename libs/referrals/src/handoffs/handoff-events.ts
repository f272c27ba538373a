import type { HandoffRecord } from '../records';

/**
 * The outbox payload of a handoff event: ids and states only, never personal data.
 * `organisationIds` is the whole chain, so follow-ups know who may hear of it.
 */
export function handoffEventPayload(
  h: HandoffRecord,
  organisationIds: string[],
  extra: { urgency?: string; topic?: string } = {},
): Record<string, string | number | null | string[]> {
  return {
    handoffId: h.id,
    referralId: h.referralId,
    fromOrganisationId: h.fromOrganisationId,
    toOrganisationId: h.toOrganisationId,
    status: h.status,
    version: h.version,
    organisationIds,
    ...extra,
  };
}

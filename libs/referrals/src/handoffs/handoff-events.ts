import type { HandoffRecord } from '../records';

/** The outbox payload of a handoff event: ids and states only, never personal data. */
export function handoffEventPayload(h: HandoffRecord, urgency?: string, topic?: string): Record<string, string | number | null> {
  return {
    handoffId: h.id,
    referralId: h.referralId,
    fromOrganisationId: h.fromOrganisationId,
    toOrganisationId: h.toOrganisationId,
    status: h.status,
    version: h.version,
    ...(urgency ? { urgency } : {}),
    ...(topic ? { topic } : {}),
  };
}

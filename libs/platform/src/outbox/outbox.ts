import type { EntityManager } from 'typeorm';

/** An event for the follow-up work. Payloads carry ids and states only, never personal data. */
export interface OutboxEvent {
  topic: string;
  aggregateType: 'handoff' | 'referral' | 'action_list';
  aggregateId: string;
  payload: Record<string, string | number | boolean | null | string[]>;
}

/**
 * Writes an outbox row in the caller's transaction: the state change and the event describing it
 * commit together or not at all (guarantee 1). The worker relays the rows to BullMQ.
 */
export async function writeOutbox(manager: EntityManager, event: OutboxEvent): Promise<void> {
  await manager.query(
    `INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload) VALUES ($1, $2, $3, $4)`,
    [event.topic, event.aggregateType, event.aggregateId, JSON.stringify(event.payload)],
  );
}

import type { RelayedEvent } from '@schakel/platform';
import { type CaseEventPayloads, type CaseEventTopic, HANDOFF_TOPICS, type HandoffTopic } from '@schakel/referrals';

/** A relayed event of one of the topics Schakel publishes, with the payload its producers write (case-events.ts). */
export type CaseEvent<T extends CaseEventTopic = CaseEventTopic> = Omit<RelayedEvent, 'topic' | 'payload'> & { topic: T; payload: CaseEventPayloads[T] };

/**
 * Narrows a relayed event to one topic, so a consumer reads the payload as the producers typed
 * it instead of guessing each field. The stores write every outbox row from these same types.
 */
export function isEventOf<T extends CaseEventTopic>(event: RelayedEvent, topic: T): event is RelayedEvent & CaseEvent<T> {
  return event.topic === topic;
}

/** Narrows a relayed event to the handoff topics, whose payloads all name the link's two organisations. */
export function isHandoffEvent(event: RelayedEvent): event is RelayedEvent & CaseEvent<HandoffTopic> {
  return (HANDOFF_TOPICS as readonly string[]).includes(event.topic);
}

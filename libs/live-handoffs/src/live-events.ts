import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';
import type { LiveHandoffStatus } from './live-handoff.enums';
import type { LiveHandoffRecord } from './store/live-handoffs.store';

/** Redis pub/sub channel of live-handoff events (ids and states only). */
export function liveHandoffChannel(prefix: string): string {
  return `${prefix}:live-handoffs`;
}

/**
 * What goes over the channel: enough for each subscription to filter (the two organisations),
 * nothing personal. `requested` reaches the receiving organisation's on-duty people, `changed`
 * both organisations' screens that follow this request.
 */
export interface LiveHandoffMessage {
  kind: 'requested' | 'changed';
  liveHandoffId: string;
  fromOrganisationId: string;
  toOrganisationId: string;
  status: LiveHandoffStatus;
}

export function messageOf(kind: LiveHandoffMessage['kind'], live: LiveHandoffRecord): LiveHandoffMessage {
  return { kind, liveHandoffId: live.id, fromOrganisationId: live.fromOrganisationId, toOrganisationId: live.toOrganisationId, status: live.status };
}

/**
 * Publishes live events after the change committed, best effort: PostgreSQL holds the truth, and
 * what a lost message would have said is found again there (the receivers' notifications by the
 * worker's sweep, the sender's panel by its query).
 */
@Injectable()
export class LiveEvents {
  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async publish(messages: readonly LiveHandoffMessage[]): Promise<void> {
    if (messages.length === 0) return;
    const channel = liveHandoffChannel(this.config.REDIS_PREFIX);
    const pipeline = this.redis.pipeline();
    for (const message of messages) pipeline.publish(channel, JSON.stringify(message));
    await pipeline.exec().catch(() => undefined);
  }
}

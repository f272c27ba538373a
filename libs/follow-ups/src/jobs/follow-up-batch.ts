import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, handoffEventChannel, type HandoffEventMessage, QueueName, REDIS, type RelayedEvent, switchTenant } from '@schakel/platform';
import type { Queue } from 'bullmq';
import type Redis from 'ioredis';
import { type HandoffClock } from '@schakel/referrals';
import { DataSource, type EntityManager } from 'typeorm';
import { DeadlinesService } from '../deadlines/deadlines.service';
import { ActionListReminderNotifier } from '../notifications/action-list-reminders';
import { ClosedLoopNotifier } from '../notifications/closed-loop.service';
import { type NewHandoffLookups, NewHandoffNotifier } from '../notifications/new-handoff.service';
import { type CreatedNotification, type NewNotification, NotificationsService } from '../notifications/notifications.service';
import { type CaseEvent, isEventOf } from '../outbox/case-event';
import { OutboxStore } from '../outbox/outbox.store';
import { fanOutItems, WebhookDispatch } from '../webhooks/webhook-dispatch';
import type { FannedOutDelivery } from '../webhooks/webhook-records';
import { type ItemOutcome, settleEach } from './event-batcher';
import { type AcceptCheckJob, RequestedDeadlines } from './requested-deadlines';

/** Per-event handlers of one batch running at once (each takes a pool connection). */
export const PER_EVENT_PARALLEL = 4;

/** What one event's processing answers (its job's return value). */
export interface EventResult {
  webhooks: number;
}

/** What the batch's transaction leaves for Redis once it committed. */
interface Committed {
  skipped: Set<string>;
  deadlineJobs: AcceptCheckJob[];
  deliveries: FannedOutDelivery[];
  notifications: CreatedNotification[];
}

/**
 * Processes relayed outbox events in batches: the effects every event has in common (the
 * acceptance deadline and new-handoff notification of `handoff.requested`, the webhook
 * deliveries) in one transaction for the whole batch, one statement per organisation and kind of
 * effect; the rarer per-event handlers (`handoff.accepted` deadlines, closed-loop notifications)
 * on their own. Then the jobs, live messages and `processed_at`, one round trip each.
 *
 * The guarantees of one event at a time hold: every effect is idempotent (deadline set once,
 * notifications and deliveries deduplicated by key, jobs by id), so an event processed twice
 * changes nothing more; an event is marked processed only after all its effects committed, so
 * the sweep re-queues it if Redis lost it. Look-ups that are not on the transaction's connection
 * (employees, organisation names, norms) are made before it takes any row lock.
 */
@Injectable()
export class FollowUpBatch {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requested: RequestedDeadlines,
    private readonly deadlines: DeadlinesService,
    private readonly newHandoff: NewHandoffNotifier,
    private readonly closedLoop: ClosedLoopNotifier,
    private readonly actionListReminders: ActionListReminderNotifier,
    private readonly notifications: NotificationsService,
    private readonly dispatch: WebhookDispatch,
    private readonly outbox: OutboxStore,
    @InjectQueue(QueueName.FollowUps) private readonly queue: Queue,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Throws when the shared transaction (or Redis after it) failed; per-event failures are outcomes. */
  async run(events: readonly RelayedEvent[]): Promise<Map<string, ItemOutcome<EventResult>>> {
    const requested = events.filter((e) => isEventOf(e, 'handoff.requested'));
    const lookups = await this.newHandoff.lookups(
      requested.map((e) => e.payload.toOrganisationId),
      requested.map((e) => e.payload.fromOrganisationId),
    );
    const committed = await this.dataSource.transaction((m) => this.commitShared(m, events, requested, lookups));

    const outcomes = new Map<string, ItemOutcome<EventResult>>();
    const todo = events.filter((e) => !committed.skipped.has(e.outboxId));
    for (const event of events) if (committed.skipped.has(event.outboxId)) outcomes.set(event.outboxId, { ok: true, value: { webhooks: 0 } });
    // Each with its own transactions: a few at a time, so a batch takes a bounded share of the pool.
    const perEvent = await settleEach(todo, PER_EVENT_PARALLEL, (event) => this.perEvent(event));

    // Each its own round trip: the deliveries only after their rows committed (a job must find its row).
    await this.queue.addBulk(committed.deadlineJobs);
    await this.dispatch.enqueue(committed.deliveries);
    await this.notifications.announce(committed.notifications);
    await this.announce(todo);

    const done = todo.filter((_, i) => perEvent[i] === undefined);
    // Only now is an event done: every effect is committed and queued. Until then the sweep may
    // queue it again, which the handlers tolerate.
    await this.outbox.markProcessed(done.map((e) => e.outboxId));
    const webhooks = new Map<string, number>();
    for (const d of committed.deliveries) webhooks.set(d.eventId, (webhooks.get(d.eventId) ?? 0) + 1);
    todo.forEach((event, i) => {
      const error = perEvent[i];
      outcomes.set(event.outboxId, error === undefined ? { ok: true, value: { webhooks: webhooks.get(event.outboxId) ?? 0 } } : { ok: false, error });
    });
    return outcomes;
  }

  private async commitShared(m: EntityManager, events: readonly RelayedEvent[], requested: ReadonlyArray<CaseEvent<'handoff.requested'>>, lookups: NewHandoffLookups): Promise<Committed> {
    const skipped = await this.outbox.processedAmong(m, events.map((e) => e.outboxId));
    const fresh = events.filter((e) => !skipped.has(e.outboxId));
    const requestedByReceiver = groupBy(requested.filter((e) => !skipped.has(e.outboxId)), (e) => e.payload.toOrganisationId);

    // Reads first, in each receiver's tenant; no row is locked yet.
    const handoffs = new Map<string, HandoffClock[]>();
    for (const [receiver, list] of requestedByReceiver) {
      await switchTenant(m, receiver);
      handoffs.set(receiver, await this.requested.load(m, list.map((e) => e.aggregateId)));
    }
    const all = [...handoffs.values()].flat();
    const due = await this.requested.dueDates(all);
    const outboxIdOf = new Map(requested.map((e) => [e.aggregateId, e.outboxId]));
    const unnamed = all.map((h) => h.fromOrganisationId).filter((id) => !lookups.names.has(id));
    const names = unnamed.length > 0 ? await this.newHandoff.lookups([], unnamed).then((l) => new Map([...lookups.names, ...l.names])) : lookups.names;

    // Then the writes, one tenant at a time.
    const items = fanOutItems(fresh);
    const organisations = new Set([...handoffs.keys(), ...items.flatMap((i) => i.organisationIds)]);
    const result: Committed = { skipped, deadlineJobs: [], deliveries: [], notifications: [] };
    for (const organisationId of organisations) {
      await switchTenant(m, organisationId);
      const theirs = handoffs.get(organisationId) ?? [];
      if (theirs.length > 0) {
        result.deadlineJobs.push(...(await this.requested.store(m, theirs, due)));
        const planned: Array<{ recipientId: string; notification: NewNotification }> = [];
        for (const h of theirs) {
          const outboxId = outboxIdOf.get(h.id);
          if (outboxId) planned.push(...this.newHandoff.plan(outboxId, h.id, h, { candidates: lookups.candidates, names }));
        }
        result.notifications.push(...(await this.notifications.insertInTenant(m, organisationId, planned)));
      }
      const mine = items.filter((i) => i.organisationIds.includes(organisationId));
      result.deliveries.push(...(await this.dispatch.fanOutInTenant(m, organisationId, mine)));
    }
    return result;
  }

  /** The handlers that stay per event; each is idempotent and has its own transactions. */
  private async perEvent(event: RelayedEvent): Promise<void> {
    if (event.topic === 'handoff.accepted') await this.deadlines.onAccepted(event);
    if (this.closedLoop.handles(event.topic)) await this.closedLoop.onEvent(event);
    if (this.actionListReminders.handles(event.topic)) await this.actionListReminders.onEvent(event);
  }

  /** Live events for handoffEvents subscriptions on every API process (best effort; ids only). */
  private async announce(events: readonly RelayedEvent[]): Promise<void> {
    const handoffEvents = events.filter((e) => e.aggregateType === 'handoff');
    if (handoffEvents.length === 0) return;
    const channel = handoffEventChannel(this.config.REDIS_PREFIX);
    const pipeline = this.redis.pipeline();
    for (const event of handoffEvents) {
      const message: HandoffEventMessage = {
        eventId: event.outboxId,
        topic: event.topic,
        handoffId: event.aggregateId,
        fromOrganisationId: String(event.payload.fromOrganisationId),
        toOrganisationId: String(event.payload.toOrganisationId),
        occurredAt: event.occurredAt,
      };
      pipeline.publish(channel, JSON.stringify(message));
    }
    await pipeline.exec().catch(() => undefined);
  }
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(keyOf(item), [...(groups.get(keyOf(item)) ?? []), item]);
  return groups;
}

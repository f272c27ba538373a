import { Injectable } from '@nestjs/common';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { type RelayedEvent, runInTenant } from '@schakel/platform';
import { type HandoffNoticeFacts, handoffsStore, REFERRAL_TOPIC_LABELS, type ReferralTopic } from '@schakel/referrals';
import { DataSource } from 'typeorm';
import { Semaphore } from '../jobs/event-batcher';
import { isEventOf } from '../outbox/case-event';
import { type NewNotification, NotificationsService, type Recipient } from './notifications.service';

export const NEW_HANDOFF_NOTIFICATION = 'NEW_HANDOFF';

/**
 * How long a batch may reuse an organisation's behandelaars and coördinatoren: someone who joins
 * or leaves is heard of this much later for new handoffs without an assignee.
 */
const CANDIDATES_TTL_MS = 5000;

/** The Dutch text of a new-handoff notification: the sending organisation and the topic, nothing about the citizen. */
export function newHandoffMessage(fromOrganisationName: string | undefined, topic: string): string {
  const subject = REFERRAL_TOPIC_LABELS[topic as ReferralTopic] ?? REFERRAL_TOPIC_LABELS.OVERIG;
  return `Nieuwe doorverwijzing van ${fromOrganisationName ?? 'een andere organisatie'} over ${subject}.`;
}

/** What to say to whom about a batch of new handoffs, read before the batch's transaction opens. */
export interface NewHandoffLookups {
  /** Per receiving organisation: its active behandelaars and coördinatoren, in that order. */
  candidates: ReadonlyMap<string, readonly string[]>;
  /** Organisation names by id (the sending ones). */
  names: ReadonlyMap<string, string>;
}

/** What a new-handoff notification needs of the handoff (ids and its topic). */
export type NewHandoffRow = Pick<HandoffNoticeFacts, 'fromOrganisationId' | 'toOrganisationId' | 'referralId' | 'assigneeId' | 'topic'>;

/**
 * Tells the receiving organisation that a handoff arrived (a new referral, or a link made by a
 * forward): its assignee once there is one, otherwise its active behandelaars and coördinatoren,
 * the people who can pick it up. Deduplicated per outbox event, so a redelivered job tells
 * nobody twice.
 */
@Injectable()
export class NewHandoffNotifier {
  /** For batches: who can pick up a handoff, per organisation, for a few seconds (a burst asks the same). */
  private readonly recentCandidates = new Map<string, { at: number; ids: string[] }>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
    private readonly notifications: NotificationsService,
  ) {}

  handles(topic: string): boolean {
    return topic === 'handoff.requested';
  }

  async onEvent(event: RelayedEvent): Promise<void> {
    if (!isEventOf(event, 'handoff.requested')) return;
    const receiver = event.payload.toOrganisationId;
    // Read as the receiver: it takes part in the referral, so row-level security lets it see both rows.
    const handoff = await runInTenant(this.dataSource, { organisationId: receiver }, (m) => handoffsStore.noticeFacts(m, event.aggregateId));
    if (!handoff) return;
    const recipients = await this.recipients(handoff);
    if (recipients.length === 0) return;
    const [from] = await this.organisations.findByIds([handoff.fromOrganisationId]);
    await this.notifications.notify(recipients, {
      type: NEW_HANDOFF_NOTIFICATION,
      message: newHandoffMessage(from?.name, handoff.topic),
      referralId: handoff.referralId,
      handoffId: event.aggregateId,
      dedupeKey: `event:${event.outboxId}`,
    });
  }

  /**
   * For a batch: the look-ups `onEvent` makes per event, once per organisation, made before the
   * processor's transaction opens (so none takes a second pool connection while it holds locks).
   */
  async lookups(receiverIds: readonly string[], senderIds: readonly string[]): Promise<NewHandoffLookups> {
    const receivers = [...new Set(receiverIds)];
    const now = Date.now();
    // Two organisations at a time (two queries each): a batch takes a bounded share of the pool.
    const slots = new Semaphore(2);
    const [people, senders] = await Promise.all([
      Promise.all(
        receivers.map(async (organisationId) => {
          const known = this.recentCandidates.get(organisationId);
          if (known && known.at > now - CANDIDATES_TTL_MS) return [organisationId, known.ids] as const;
          return slots.use(async () => {
            const [behandelaars, coordinatoren] = await Promise.all([
              this.employees.activeWithRole(organisationId, 'BEHANDELAAR'),
              this.employees.activeWithRole(organisationId, 'COORDINATOR'),
            ]);
            const ids = [...new Set([...behandelaars, ...coordinatoren].map((e) => e.id))];
            this.recentCandidates.set(organisationId, { at: now, ids });
            return [organisationId, ids] as const;
          });
        }),
      ),
      this.organisations.findByIds([...new Set(senderIds)]),
    ]);
    return { candidates: new Map(people), names: new Map(senders.map((o) => [o.id, o.name])) };
  }

  /** The notifications of one event, as `onEvent` stores them, from the batch's look-ups. */
  plan(outboxId: string, handoffId: string, handoff: NewHandoffRow, lookups: NewHandoffLookups): Array<{ recipientId: string; notification: NewNotification }> {
    const recipients = handoff.assigneeId ? [handoff.assigneeId] : (lookups.candidates.get(handoff.toOrganisationId) ?? []);
    const notification: NewNotification = {
      type: NEW_HANDOFF_NOTIFICATION,
      message: newHandoffMessage(lookups.names.get(handoff.fromOrganisationId), handoff.topic),
      referralId: handoff.referralId,
      handoffId,
      dedupeKey: `event:${outboxId}`,
    };
    return recipients.map((recipientId) => ({ recipientId, notification }));
  }

  private async recipients(handoff: NewHandoffRow): Promise<Recipient[]> {
    if (handoff.assigneeId) return [{ employeeId: handoff.assigneeId, organisationId: handoff.toOrganisationId }];
    const [behandelaars, coordinatoren] = await Promise.all([
      this.employees.activeWithRole(handoff.toOrganisationId, 'BEHANDELAAR'),
      this.employees.activeWithRole(handoff.toOrganisationId, 'COORDINATOR'),
    ]);
    const ids = new Set([...behandelaars, ...coordinatoren].map((e) => e.id));
    return [...ids].map((employeeId) => ({ employeeId, organisationId: handoff.toOrganisationId }));
  }
}

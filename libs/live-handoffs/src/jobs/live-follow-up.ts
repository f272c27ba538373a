import { Injectable, Logger } from '@nestjs/common';
import { DeadlineCalculator, DeadlinesService, NotificationsService, ResponseNormProvider } from '@schakel/follow-ups';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { runInTenant, switchTenant } from '@schakel/platform';
import { handoffsStore, openStep, REFERRAL_TOPIC_LABELS, REFERRAL_TOPICS, referralsStore } from '@schakel/referrals';
import { DataSource } from 'typeorm';
import { LiveEvents, type LiveHandoffMessage, messageOf } from '../live-events';
import { liveHandoffsStore, type LiveHandoffRecord } from '../store/live-handoffs.store';
import { onDutyStore } from '../store/on-duty.store';

/** How many rows one pass takes per organisation; the rest waits for the next pass. */
const PASS_LIMIT = 200;

const URGENCY_WORDS: Record<string, string> = { ACUUT: 'acuut', HOOG: 'hoge urgentie', NORMAAL: 'normale urgentie' };

function topicLabel(topic: string): string {
  const known = REFERRAL_TOPICS.find((t) => t === topic);
  return REFERRAL_TOPIC_LABELS[known ?? 'OVERIG'];
}

/**
 * What the worker does for live requests, found again from PostgreSQL each pass (Redis may have
 * lost everything): tell the receiver's on-duty people of new requests (notification rows, once
 * per request), and let requests nobody picked up in time fall back to a normal handoff with
 * the ACUUT norm (once, a conditional update, however many workers look).
 */
@Injectable()
export class LiveFollowUp {
  private readonly logger = new Logger(LiveFollowUp.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly employees: EmployeesService,
    private readonly notifications: NotificationsService,
    private readonly norms: ResponseNormProvider,
    private readonly calculator: DeadlineCalculator,
    private readonly deadlines: DeadlinesService,
    private readonly events: LiveEvents,
  ) {}

  /** One pass over one receiving organisation; the number of requests announced and fallen back. */
  async pass(organisationId: string): Promise<{ announced: number; fellBack: number }> {
    const { unannounced, expired, overtaken } = await runInTenant(this.dataSource, { organisationId }, async (m) => {
      const waiting = await liveHandoffsStore.waiting(m, organisationId, PASS_LIMIT);
      const clocks = new Map((await handoffsStore.clocks(m, waiting.map((l) => l.handoffId))).map((c) => [c.id, c]));
      // One read of the waiting requests serves all three kinds of work.
      const now = Date.now();
      return {
        unannounced: waiting.filter((l) => l.announcedAt === null),
        expired: waiting.filter((l) => l.expiresAt.getTime() <= now),
        // Accepted, forwarded, returned or cancelled the normal way while the request waited.
        overtaken: waiting.filter((l) => {
          const clock = clocks.get(l.handoffId);
          return clock !== undefined && openStep(clock.status) !== 'ACCEPT';
        }),
      };
    });
    let announced = 0;
    let fellBack = 0;
    for (const live of overtaken) await this.endOvertaken(live);
    const ended = new Set(overtaken.map((l) => l.id));
    for (const live of unannounced) if (!ended.has(live.id) && (await this.announce(live))) announced++;
    for (const live of expired) if (!ended.has(live.id) && (await this.fallBack(live))) fellBack++;
    return { announced, fellBack };
  }

  /**
   * The handoff's step was taken without the live request (accepted from the inbox, returned,
   * cancelled): the request ends at once, so no banner keeps offering a pick-up that can only fail.
   */
  async endOvertaken(live: LiveHandoffRecord): Promise<boolean> {
    const ended = await runInTenant(this.dataSource, { organisationId: live.toOrganisationId }, (m) => liveHandoffsStore.cancel(m, live.id));
    if (!ended) return false;
    await this.events.publish([messageOf('changed', ended)]);
    return true;
  }

  /** Notification rows for the receiver's on-duty people, once per request; then the live events. */
  async announce(live: LiveHandoffRecord): Promise<boolean> {
    const names = new Map((await this.organisations.findByIds([live.fromOrganisationId])).map((o) => [o.id, o.name]));
    const result = await runInTenant(this.dataSource, { organisationId: live.toOrganisationId }, async (m) => {
      if (!(await liveHandoffsStore.markAnnounced(m, live.id))) return undefined;
      const referral = await referralsStore.find(m, live.referralId);
      const onDuty = await onDutyStore.employeeIds(m, live.toOrganisationId);
      const active = new Set((await this.employees.findByIds(onDuty)).filter((e) => e.active && e.organisationId === live.toOrganisationId).map((e) => e.id));
      const what = referral ? `${topicLabel(referral.topic)}, ${URGENCY_WORDS[referral.urgency] ?? 'urgent'}` : 'een overdracht';
      return this.notifications.insertInTenant(
        m,
        live.toOrganisationId,
        [...active].map((recipientId) => ({
          recipientId,
          notification: {
            type: 'LIVE_REQUESTED',
            message: `Live overdracht van ${names.get(live.fromOrganisationId) ?? 'een organisatie'} — ${what}. Wie neemt het nu over?`,
            referralId: live.referralId,
            handoffId: live.handoffId,
            dedupeKey: `live.${live.id}`,
          },
        })),
      );
    });
    if (!result) return false;
    await this.notifications.announce(result);
    // Again on the live channel: the API's own announcement may have been lost with Redis.
    const now = await runInTenant(this.dataSource, { organisationId: live.toOrganisationId }, (m) => liveHandoffsStore.find(m, live.id));
    if (now?.status === 'REQUESTED') await this.events.publish([messageOf('requested', now)]);
    return true;
  }

  /**
   * Nobody picked up in time: the request becomes FELL_BACK (once), the handoff's acceptance
   * deadline is replaced by the ACUUT norm's (counted from the handoff's request: the citizen has
   * waited since then), the timeline says so, and the balie who asked is told, all in one
   * transaction. If the handoff was taken meanwhile in the normal way, the request just ends.
   */
  async fallBack(live: LiveHandoffRecord): Promise<boolean> {
    const receiver = live.toOrganisationId;
    const clock = await runInTenant(this.dataSource, { organisationId: receiver }, (m) => handoffsStore.clock(m, live.handoffId));
    const stillOpen = clock !== undefined && openStep(clock.status) === 'ACCEPT';
    const norm = clock && stillOpen ? await this.norms.normFor({ receiverOrganisationId: receiver, topic: clock.topic, urgency: 'ACUUT' }) : undefined;
    const [receiverOrganisation] = await this.organisations.findByIds([receiver]);
    const receiverName = receiverOrganisation?.name ?? 'de ontvanger';

    const outcome = await runInTenant(this.dataSource, { organisationId: receiver }, async (m) => {
      if (!clock || !norm) {
        const ended = await liveHandoffsStore.cancel(m, live.id);
        return ended ? { ended, created: [] } : undefined;
      }
      const ended = await liveHandoffsStore.fallBack(m, live.id);
      if (!ended) return undefined;
      const due = this.calculator.dueAt(clock.requestedAt, norm.acceptAmount, norm.acceptUnit);
      await handoffsStore.replaceAcceptDue(m, live.handoffId, due, `live-terugval:${norm.source}`);
      await referralsStore.addReferralEvent(m, {
        referralId: live.referralId,
        handoffId: live.handoffId,
        type: 'LIVE_FELL_BACK',
        note: `Niemand nam live op; de overdracht staat als acuut bij ${receiverName}`,
        actor: { organisationId: receiver, employeeId: null, machineClientId: null },
        topic: null,
      });
      // The balie who asked is told in the same transaction, in its own organisation's tenant.
      await switchTenant(m, live.fromOrganisationId);
      const created = await this.notifications.insertInTenant(m, live.fromOrganisationId, [
        {
          recipientId: live.requestedByEmployeeId,
          notification: {
            type: 'LIVE_FELL_BACK',
            message: `Niemand nam live op bij ${receiverName}; de overdracht staat daar nu als acuut.`,
            referralId: live.referralId,
            handoffId: live.handoffId,
            dedupeKey: `live-fallback.${live.id}`,
          },
        },
      ]);
      return { ended, created };
    });
    if (!outcome) return false;
    await this.notifications.announce(outcome.created);
    const messages: LiveHandoffMessage[] = [messageOf('changed', outcome.ended)];
    await this.events.publish(messages);
    if (outcome.ended.status === 'FELL_BACK') {
      // Should Redis refuse, the follow-ups sweep finds the new deadline in PostgreSQL.
      await this.deadlines.acceptDeadlineReplaced(live.handoffId, receiver).catch(() => this.logger.warn(`Deadline check of live fallback ${live.id} left to the follow-ups sweep`));
    }
    return true;
  }
}

import { Injectable } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { type RelayedEvent, runInTenant } from '@schakel/platform';
import { handoffsStore } from '@schakel/referrals';
import { isHandoffEvent } from '../outbox/case-event';
import { DataSource } from 'typeorm';
import { NotificationsService, type Recipient } from './notifications.service';

const MESSAGES: Record<string, (to: string, extra: { next?: string; outcome?: string }) => string> = {
  'handoff.received': (to) => `${to} heeft uw overdracht geopend.`,
  'handoff.accepted': (to) => `${to} heeft uw overdracht opgepakt.`,
  'handoff.contact_recorded': (to) => `${to} heeft contact gehad met de inwoner.`,
  'handoff.completed': (to, { outcome }) => `${to} heeft de overdracht afgerond (${outcome ?? 'uitkomst in het dossier'}).`,
  'handoff.forwarded': (to, { next }) => `${to} heeft de inwoner warm doorverwezen naar ${next ?? 'een andere organisatie'}.`,
  'handoff.returned': (to) => `${to} heeft uw overdracht teruggestuurd; de reden staat in het dossier.`,
};

/** Tell the sender how its handoff is doing, so the loop closes; on completion also the first referrer. */
@Injectable()
export class ClosedLoopNotifier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly notifications: NotificationsService,
  ) {}

  handles(topic: string): boolean {
    return topic in MESSAGES;
  }

  async onEvent(event: RelayedEvent): Promise<void> {
    const message = MESSAGES[event.topic];
    if (!message || !isHandoffEvent(event)) return;
    const { fromOrganisationId: sender, toOrganisationId: receiver, referralId } = event.payload;
    const row = await runInTenant(this.dataSource, { organisationId: sender }, (m) => handoffsStore.noticeFacts(m, event.aggregateId));
    if (!row) return;
    const recipients: Recipient[] = [];
    if (row.fromEmployeeId) recipients.push({ employeeId: row.fromEmployeeId, organisationId: sender });
    const closing = event.topic === 'handoff.completed' || event.topic === 'handoff.returned';
    if (closing && row.originEmployeeId && row.originEmployeeId !== row.fromEmployeeId) {
      recipients.push({ employeeId: row.originEmployeeId, organisationId: row.originOrganisationId });
    }
    if (recipients.length === 0) return;
    const names = await this.organisations.findByIds([receiver, ...(row.nextToOrganisationId ? [row.nextToOrganisationId] : [])]);
    const nameOf = (id: string | null) => names.find((o) => o.id === id)?.name;
    await this.notifications.notify(recipients, {
      type: event.topic.replace('handoff.', '').toUpperCase(),
      message: message(nameOf(receiver) ?? 'De ontvanger', { next: nameOf(row.nextToOrganisationId), outcome: row.outcome ?? undefined }),
      referralId,
      handoffId: event.aggregateId,
      dedupeKey: `event:${event.outboxId}`,
    });
  }
}

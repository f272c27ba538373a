import { Injectable } from '@nestjs/common';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { type RelayedEvent, runInTenant } from '@schakel/platform';
import { REFERRAL_TOPIC_LABELS, type ReferralTopic } from '@schakel/referrals';
import { DataSource } from 'typeorm';
import { NotificationsService, type Recipient } from './notifications.service';

export const NEW_HANDOFF_NOTIFICATION = 'NEW_HANDOFF';

/** The Dutch text of a new-handoff notification: the sending organisation and the topic, nothing about the citizen. */
export function newHandoffMessage(fromOrganisationName: string | undefined, topic: string): string {
  const subject = REFERRAL_TOPIC_LABELS[topic as ReferralTopic] ?? REFERRAL_TOPIC_LABELS.OVERIG;
  return `Nieuwe doorverwijzing van ${fromOrganisationName ?? 'een andere organisatie'} over ${subject}.`;
}

interface NewHandoffRow {
  fromOrganisationId: string;
  toOrganisationId: string;
  referralId: string;
  assigneeId: string | null;
  topic: string;
}

/**
 * Tells the receiving organisation that a handoff arrived (a new referral, or a link made by a
 * forward): its assignee once there is one, otherwise its active behandelaars and coördinatoren,
 * the people who can pick it up. Deduplicated per outbox event, so a redelivered job tells
 * nobody twice.
 */
@Injectable()
export class NewHandoffNotifier {
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
    const receiver = String(event.payload.toOrganisationId);
    // Read as the receiver: it takes part in the referral, so row-level security lets it see both rows.
    const rows: NewHandoffRow[] = await runInTenant(this.dataSource, { organisationId: receiver }, (m) =>
      m.query(
        `SELECT h.from_organisation_id AS "fromOrganisationId", h.to_organisation_id AS "toOrganisationId",
                h.referral_id AS "referralId", h.assignee_id AS "assigneeId", r.topic
           FROM handoffs h JOIN referrals r ON r.id = h.referral_id WHERE h.id = $1`,
        [event.aggregateId],
      ),
    );
    const handoff = rows[0];
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

import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { EmployeesService, OrganisationsService } from '@schakel/organisations';
import { type DeadlineStep, type JobPayloads, QueueName, type RelayedEvent, runInTenant } from '@schakel/platform';
import { type HandoffClock, handoffsStore, openStep } from '@schakel/referrals';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { NotificationsService, type Recipient } from '../notifications/notifications.service';
import { DeadlineCalculator, ResponseNormProvider } from '../norms/response-norms';
import { subtractWorkingDay } from '../working-days/working-days';

/** Escalation goes up to this level, one working day apart, then stays visible as overdue. */
export const MAX_ESCALATION_LEVEL = 3;

type CheckJob = JobPayloads[QueueName.FollowUps]['deadline.check'];

export function deadlineJobId(handoffId: string, step: DeadlineStep, level: number): string {
  // BullMQ refuses ":" in custom job ids (it separates its Redis keys).
  return `deadline.${handoffId}.${step}.${level}`;
}

export function remindJobId(handoffId: string): string {
  return `remind.${handoffId}`;
}

const BULK_SIZE = 500;

type DeadlineJob =
  | { name: 'deadline.check'; data: CheckJob; opts: { jobId: string; delay: number } }
  | { name: 'deadline.remind'; data: JobPayloads[QueueName.FollowUps]['deadline.remind']; opts: { jobId: string; delay: number } };

function checkJob(job: CheckJob, at: Date): DeadlineJob {
  return { name: 'deadline.check', data: job, opts: { jobId: deadlineJobId(job.handoffId, job.step, job.level), delay: Math.max(0, at.getTime() - Date.now()) } };
}

function remindJob(handoffId: string, organisationId: string, at: Date): DeadlineJob {
  return { name: 'deadline.remind', data: { handoffId, organisationId }, opts: { jobId: remindJobId(handoffId), delay: Math.max(0, at.getTime() - Date.now()) } };
}

/** Every job id the deadlines of one handoff can have in the queue: the reminder and each step's checks. */
export function handoffDeadlineJobIds(handoffId: string): string[] {
  const ids = [remindJobId(handoffId)];
  for (let level = 1; level <= MAX_ESCALATION_LEVEL; level++) ids.push(deadlineJobId(handoffId, 'ACCEPT', level), deadlineJobId(handoffId, 'CONTACT', level));
  return ids;
}

/**
 * Response deadlines in working days and their escalation. A REQUESTED handoff gets an
 * acceptance deadline, an ACCEPTED one a first-contact deadline; a delayed job at each deadline
 * escalates when the step is still not done. A step done in time makes its job a no-op.
 */
@Injectable()
export class DeadlinesService {
  private readonly logger = new Logger(DeadlinesService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly norms: ResponseNormProvider,
    private readonly calculator: DeadlineCalculator,
    private readonly notifications: NotificationsService,
    private readonly employees: EmployeesService,
    private readonly organisations: OrganisationsService,
    @InjectQueue(QueueName.FollowUps) private readonly queue: Queue,
  ) {}

  async onRequested(event: RelayedEvent): Promise<void> {
    const receiver = String(event.payload.toOrganisationId);
    const handoff = await this.load(receiver, event.aggregateId);
    if (!handoff) return;
    let due = handoff.acceptDueAt;
    if (!due) {
      const norm = await this.norms.normFor({ receiverOrganisationId: receiver, topic: handoff.topic, urgency: handoff.urgency });
      const computed = this.calculator.dueAt(handoff.requestedAt, norm.acceptAmount, norm.acceptUnit);
      // Deadlines are the platform's bookkeeping, not a user's change: the version stays.
      await runInTenant(this.dataSource, { organisationId: receiver }, (m) => handoffsStore.setAcceptDue(m, handoff.id, computed, norm.source));
      due = computed;
    }
    await this.schedule({ handoffId: handoff.id, organisationId: receiver, step: 'ACCEPT', level: 1 }, due);
  }

  async onAccepted(event: RelayedEvent): Promise<void> {
    const receiver = String(event.payload.toOrganisationId);
    const handoff = await this.load(receiver, event.aggregateId);
    if (!handoff || !handoff.acceptedAt) return;
    let due = handoff.contactDueAt;
    if (!due) {
      const norm = await this.norms.normFor({ receiverOrganisationId: receiver, topic: handoff.topic, urgency: handoff.urgency });
      const computed = this.calculator.dueAt(handoff.acceptedAt, norm.contactAmount, norm.contactUnit);
      // The acceptance step is done: its overdue state ends, the contact clock starts.
      await runInTenant(this.dataSource, { organisationId: receiver }, (m) => handoffsStore.setContactDue(m, handoff.id, computed, norm.source));
      due = computed;
    }
    for (let level = 1; level <= MAX_ESCALATION_LEVEL; level++) {
      await this.queue.remove(deadlineJobId(handoff.id, 'ACCEPT', level)).catch(() => 0);
    }
    await this.schedule({ handoffId: handoff.id, organisationId: receiver, step: 'CONTACT', level: 1 }, due);
    const remindAt = subtractWorkingDay(due, this.calculator.rules);
    if (remindAt.getTime() > Date.now()) await this.scheduleRemind(handoff.id, receiver, remindAt);
  }

  /**
   * The acceptance deadline was replaced (a live handoff fell back to the ACUUT norm): the check
   * queued for the old moment gives way to one at the new. Should Redis lose it, the sweep
   * (rescheduleOpen) finds the new deadline in PostgreSQL.
   */
  async acceptDeadlineReplaced(handoffId: string, organisationId: string): Promise<void> {
    const handoff = await this.load(organisationId, handoffId);
    if (!handoff || openStep(handoff.status) !== 'ACCEPT' || !handoff.acceptDueAt) return;
    const level = handoff.escalationLevel + 1;
    if (level > MAX_ESCALATION_LEVEL) return;
    await this.queue.remove(deadlineJobId(handoffId, 'ACCEPT', level)).catch(() => 0);
    await this.schedule({ handoffId, organisationId, step: 'ACCEPT', level }, handoff.acceptDueAt);
  }

  /** The delayed check at a deadline: escalate if the step is still open, else do nothing. */
  async check(job: CheckJob): Promise<'escalated' | 'done' | 'already'> {
    const handoff = await this.load(job.organisationId, job.handoffId);
    if (!handoff) return 'done';
    if (openStep(handoff.status) !== job.step) return 'done';

    const escalated = await runInTenant(this.dataSource, { organisationId: job.organisationId }, (m) =>
      handoffsStore.escalate(m, {
        id: handoff.id,
        step: job.step,
        level: job.level,
        organisationId: job.organisationId,
        note: `${job.step === 'ACCEPT' ? 'Oppaktermijn' : 'Contacttermijn'} verlopen (niveau ${job.level})`,
      }),
    );
    const raised = escalated !== null;

    // Notifications are deduplicated per level, so a retried job tells nobody twice.
    const coordinators = await this.employees.activeWithRole(job.organisationId, 'COORDINATOR');
    const recipients: Recipient[] = coordinators.map((c) => ({ employeeId: c.id, organisationId: c.organisationId }));
    if (handoff.fromEmployeeId) recipients.push({ employeeId: handoff.fromEmployeeId, organisationId: handoff.fromOrganisationId });
    const [receiver] = await this.organisations.findByIds([job.organisationId]);
    const what = job.step === 'ACCEPT' ? 'is niet op tijd opgepakt' : 'heeft niet op tijd eerste contact gehad';
    await this.notifications.notify(recipients, {
      type: 'ESCALATION',
      message: `Een overdracht aan ${receiver?.name ?? 'de ontvanger'} ${what} (escalatieniveau ${job.level}).`,
      referralId: handoff.referralId,
      handoffId: handoff.id,
      dedupeKey: deadlineJobId(handoff.id, job.step, job.level),
    });

    if (job.level < MAX_ESCALATION_LEVEL) {
      await this.schedule({ ...job, level: job.level + 1 }, this.calculator.nextWorkingDay(new Date()));
    }
    if (raised) this.logger.log(`Handoff ${handoff.id} escalated to level ${job.level} (${job.step})`);
    return raised ? 'escalated' : 'already';
  }

  /** The working day before the contact deadline: remind the assignee. */
  async remind(job: JobPayloads[QueueName.FollowUps]['deadline.remind']): Promise<void> {
    const handoff = await this.load(job.organisationId, job.handoffId);
    if (!handoff || handoff.status !== 'ACCEPTED' || !handoff.assigneeId) return;
    await this.notifications.notify([{ employeeId: handoff.assigneeId, organisationId: handoff.toOrganisationId }], {
      type: 'CONTACT_DUE',
      message: 'Morgen verloopt de termijn voor het eerste contact met een inwoner die u heeft opgepakt.',
      referralId: handoff.referralId,
      handoffId: handoff.id,
      dedupeKey: `remind.${handoff.id}`,
    });
  }

  /**
   * Rebuilds the delayed jobs of this receiver's open deadlines from `handoffs` (the truth), for
   * the follow-ups sweep: for each open step with a deadline, the check of the next escalation
   * level, and the contact reminder. Every job keeps its deterministic id, so this is a no-op
   * while Redis still holds the job and a rebuild when it lost it. Only jobs due within
   * `horizonMs` are added; later ones are added by a later sweep.
   *
   * Level L + 1 is checked one working day after level L escalated; when that moment is not
   * known any more it is taken as the deadline plus L working days (when the worker kept up).
   * An escalation happens once per level whatever the timing (`escalation_level < level`).
   */
  async rescheduleOpen(organisationId: string, horizonMs: number, limit = 5000): Promise<number> {
    const horizon = new Date(Date.now() + horizonMs);
    const rows = await runInTenant(this.dataSource, { organisationId }, (m) =>
      handoffsStore.openDeadlines(m, { organisationId, maxLevel: MAX_ESCALATION_LEVEL, horizon, limit }),
    );
    const jobs: DeadlineJob[] = [];
    for (const handoff of rows) {
      const step: DeadlineStep | null = openStep(handoff.status);
      if (!step) continue;
      const due = step === 'ACCEPT' ? handoff.acceptDueAt : handoff.contactDueAt;
      if (!due) continue;
      let at = due;
      for (let level = 1; level <= handoff.escalationLevel; level++) at = this.calculator.nextWorkingDay(at);
      if (at <= horizon) jobs.push(checkJob({ handoffId: handoff.id, organisationId, step, level: handoff.escalationLevel + 1 }, at));
      if (step === 'CONTACT' && handoff.acceptedAt && due.getTime() > Date.now()) {
        // As onAccepted: only when the reminder falls after the acceptance; deduplicated by key.
        const remindAt = subtractWorkingDay(due, this.calculator.rules);
        if (remindAt > handoff.acceptedAt && remindAt <= horizon) jobs.push(remindJob(handoff.id, organisationId, remindAt));
      }
    }
    // The sweep runs this for every organisation each interval: one round trip per chunk, not per job.
    for (let i = 0; i < jobs.length; i += BULK_SIZE) await this.queue.addBulk(jobs.slice(i, i + BULK_SIZE));
    return jobs.length;
  }

  private async schedule(job: CheckJob, at: Date): Promise<void> {
    const { name, data, opts } = checkJob(job, at);
    await this.queue.add(name, data, opts);
  }

  /** The contact reminder; one per handoff (deduplicated by job id), whoever schedules it. */
  private async scheduleRemind(handoffId: string, organisationId: string, at: Date): Promise<void> {
    const { name, data, opts } = remindJob(handoffId, organisationId, at);
    await this.queue.add(name, data, opts);
  }

  private async load(organisationId: string, handoffId: string): Promise<HandoffClock | undefined> {
    return runInTenant(this.dataSource, { organisationId }, (m) => handoffsStore.clock(m, handoffId));
  }
}

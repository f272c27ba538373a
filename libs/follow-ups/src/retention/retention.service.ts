import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, forgetSubjects, QueueName, recordSystemProcessing, runInTenant, switchTenant } from '@schakel/platform';
import { type DueReferral, referralRetention, type RetentionPolicy } from '@schakel/referrals';
import type { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { handoffDeadlineJobIds } from '../deadlines/deadlines.service';
import { OutboxStore } from '../outbox/outbox.store';
import { WebhookDispatch } from '../webhooks/webhook-dispatch';
import { webhookJobId } from '../webhooks/webhook-jobs';

export interface RetentionReport {
  /** Referrals anonymised by this run. */
  referrals: number;
  /** Queue jobs removed from Redis for them. */
  jobsRemoved: number;
}

/** The processing-log activity of an anonymisation. */
export const ANONYMISE_ACTIVITY = 'referral.anonymise';

/** What one batch leaves for Redis once its transaction committed. */
interface QueueLeftovers {
  followUpJobIds: string[];
  webhookJobIds: string[];
}

/**
 * Anonymises closed referrals after their retention (ADR 0011), run by the worker's system
 * schedule. Per origin organisation, batches of RETENTION_BATCH_SIZE referrals, each batch one
 * transaction: the origin's tenant claims the due referrals (FOR UPDATE SKIP LOCKED) and empties
 * what the chain shares; then, in the same transaction, the tenant moves to each organisation of
 * the chains (set_config, as every job does) for what only that organisation may change: its
 * handoffs, its processing log, its webhook deliveries. No role bypasses row-level security.
 * After the commit, the referrals' queue jobs are removed from Redis.
 *
 * Idempotent: a referral with `anonymised_at` is never claimed again, so a second run changes
 * nothing; a run that dies mid-batch rolls back and the next run redoes the batch.
 */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    private readonly outbox: OutboxStore,
    private readonly webhooks: WebhookDispatch,
    @InjectQueue(QueueName.FollowUps) private readonly followUps: Queue,
    @InjectQueue(QueueName.Webhooks) private readonly webhookQueue: Queue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** One full run over every organisation (inactive ones too: their cases age all the same). */
  async run(): Promise<RetentionReport> {
    const organisations = await this.organisations.list();
    const policy: RetentionPolicy = {
      defaultDays: this.config.RETENTION_DAYS_DEFAULT,
      days: new Map(organisations.map((o) => [o.id, o.retentionDays ?? this.config.RETENTION_DAYS_DEFAULT])),
    };
    const traceId = randomUUID();
    const report: RetentionReport = { referrals: 0, jobsRemoved: 0 };
    for (const origin of organisations) {
      for (;;) {
        const batch = await this.anonymiseBatch(origin.id, policy, traceId);
        report.referrals += batch.referrals;
        report.jobsRemoved += await this.removeJobs(batch.leftovers);
        if (batch.referrals < this.config.RETENTION_BATCH_SIZE) break;
      }
    }
    if (report.referrals > 0) this.logger.log(`Retention: ${report.referrals} referrals anonymised, ${report.jobsRemoved} queue jobs removed (trace ${traceId})`);
    return report;
  }

  private anonymiseBatch(originOrganisationId: string, policy: RetentionPolicy, traceId: string): Promise<{ referrals: number; leftovers: QueueLeftovers }> {
    return runInTenant(this.dataSource, { organisationId: originOrganisationId }, async (m) => {
      const due: DueReferral[] = await referralRetention.claimDue(m, originOrganisationId, policy, this.config.RETENTION_BATCH_SIZE);
      const leftovers: QueueLeftovers = { followUpJobIds: [], webhookJobIds: [] };
      if (due.length === 0) return { referrals: 0, leftovers };
      const ids = due.map((d) => d.id);
      // anonymised_at first: the update policies of the append-only tables require it.
      await referralRetention.anonymiseOwned(m, ids);
      leftovers.followUpJobIds.push(...(await this.outbox.removeForReferrals(m, ids)));
      for (const handoffId of due.flatMap((d) => d.handoffIds)) leftovers.followUpJobIds.push(...handoffDeadlineJobIds(handoffId));
      for (const organisationId of new Set(due.flatMap((d) => d.organisationIds))) {
        const theirs = due.filter((d) => d.organisationIds.includes(organisationId)).map((d) => d.id);
        await switchTenant(m, organisationId);
        await referralRetention.anonymiseHandoffs(m, theirs);
        await forgetSubjects(m, theirs);
        await recordSystemProcessing(m, traceId, organisationId, ANONYMISE_ACTIVITY, theirs);
        for (const delivery of await this.webhooks.forgetForReferrals(m, theirs)) {
          for (let round = 0; round <= delivery.retries; round++) leftovers.webhookJobIds.push(webhookJobId(delivery.id, round));
        }
      }
      return { referrals: due.length, leftovers };
    });
  }

  /**
   * Job data holds ids only, but a failed job's reason and stack trace are text; the jobs of an
   * anonymised referral have no use left. A job that is running (locked) or already gone is
   * skipped: BullMQ drops kept jobs by age anyway (completed 24 h, failed 7 days).
   */
  private async removeJobs(leftovers: QueueLeftovers): Promise<number> {
    let removed = 0;
    const remove = async (queue: Queue, ids: string[]) => {
      for (let i = 0; i < ids.length; i += 100) {
        const results = await Promise.all(ids.slice(i, i + 100).map((id) => queue.remove(id).catch(() => 0)));
        removed += results.reduce<number>((sum, n) => sum + n, 0);
      }
    };
    try {
      await remove(this.followUps, leftovers.followUpJobIds);
      await remove(this.webhookQueue, leftovers.webhookJobIds);
    } catch (error) {
      this.logger.warn(`Retention: could not remove queue jobs, BullMQ will age them out: ${(error as Error).message}`);
    }
    return removed;
  }
}

import { InjectQueue, Processor } from '@nestjs/bullmq';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, LeasedInterval, ObservedWorkerHost, processorOptions, QueueName, REDIS, sanitizedError } from '@schakel/platform';
import type { Job, Queue } from 'bullmq';
import type { Redis } from 'ioredis';
import { REMINDER_KINDS, type Reminder } from '../store/reminders.store';
import { ActionListReminders, reminderJobId } from './reminders.service';

/** The action lists' BullMQ queue (reminders). */
export const ACTION_LISTS_QUEUE = QueueName.ActionLists;

function isReminder(data: unknown): data is Reminder {
  if (typeof data !== 'object' || data === null) return false;
  const d = Object.fromEntries(Object.entries(data));
  return (
    REMINDER_KINDS.some((k) => k === d.kind) &&
    typeof d.versionId === 'string' &&
    typeof d.listId === 'string' &&
    typeof d.organisationId === 'string' &&
    typeof d.itemId === 'string'
  );
}

/** Delivers one reminder per job; idempotent, so a retried or re-added job reminds nobody twice. */
@Processor(ACTION_LISTS_QUEUE, processorOptions({ concurrency: 5 }))
export class ActionListRemindersProcessor extends ObservedWorkerHost {

  constructor(private readonly reminders: ActionListReminders) {
    super();
  }

  async process(job: Job): Promise<boolean> {
    if (job.name !== 'remind' || !isReminder(job.data)) return false;
    try {
      return await this.reminders.deliver(job.data);
    } catch (error) {
      throw sanitizedError(error);
    }
  }
}

/**
 * Finds due reminders in PostgreSQL every FOLLOW_UPS_SWEEP_INTERVAL_MS and queues them under
 * deterministic job ids. Nothing depends on a delayed job surviving in Redis: after Redis lost
 * everything, the next scan queues what was not sent yet (sent ones are in action_list_reminders).
 * A lease in Redis lets one worker scan per interval; two scans at once would still be harmless.
 */
@Injectable()
export class ActionListReminderScan implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ActionListReminderScan.name);
  private readonly interval: LeasedInterval;

  constructor(
    private readonly reminders: ActionListReminders,
    private readonly organisations: OrganisationsService,
    @InjectQueue(ACTION_LISTS_QUEUE) private readonly queue: Queue,
    @Inject(REDIS) redis: Redis,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.interval = new LeasedInterval({
      redis,
      leaseKey: `${config.REDIS_PREFIX}:action-lists:reminder-lease`,
      intervalMs: config.FOLLOW_UPS_SWEEP_INTERVAL_MS,
      logger: this.logger,
      label: 'Action-list reminder scan',
      work: () => this.scan(),
    });
  }

  onApplicationBootstrap(): void {
    this.interval.start();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.interval.stop();
  }

  /** One pass over every active organisation; answers how many reminders were queued. Public for tests. */
  async scan(now = new Date()): Promise<number> {
    let queued = 0;
    for (const organisation of await this.organisations.list({ activeOnly: true })) {
      const due = await this.reminders.dueFor(organisation.id, now);
      if (due.length === 0) continue;
      await this.queue.addBulk(due.map((r) => ({ name: 'remind', data: r, opts: { jobId: reminderJobId(r) } })));
      queued += due.length;
    }
    return queued;
  }
}

import { Injectable } from '@nestjs/common';
import type { JobPayloads, QueueName } from '@schakel/platform';
import { type HandoffClock, handoffsStore } from '@schakel/referrals';
import type { EntityManager } from 'typeorm';
import { deadlineJobId } from '../deadlines/deadlines.service';
import { DeadlineCalculator, ResponseNormProvider } from '../norms/response-norms';

export interface AcceptCheckJob {
  name: 'deadline.check';
  data: JobPayloads[QueueName.FollowUps]['deadline.check'];
  opts: { jobId: string; delay: number };
}

/** An acceptance deadline and the norm it came from. */
export interface AcceptDue {
  at: Date;
  /** The norm's source; undefined when the deadline was already stored. */
  source?: string;
}

/**
 * DeadlinesService.onRequested for a batch of handoffs, inside the processor's transaction
 * instead of two transactions per event, with the same rules: the acceptance deadline is set
 * once (a retry keeps the first), from the receiver's norm, through the handoffs store, and the
 * check at the deadline has the same deterministic job id.
 */
@Injectable()
export class RequestedDeadlines {
  constructor(
    private readonly norms: ResponseNormProvider,
    private readonly calculator: DeadlineCalculator,
  ) {}

  /** The handoffs' clocks, read in the caller's transaction in the receiver's tenant; takes no row lock. */
  async load(m: EntityManager, handoffIds: readonly string[]): Promise<HandoffClock[]> {
    return handoffsStore.clocks(m, handoffIds);
  }

  /**
   * The acceptance deadline of each handoff: the stored one, else computed from its receiver's
   * norm. Call before any row lock is taken: a norm not in the cache is read from the pool.
   */
  async dueDates(handoffs: readonly HandoffClock[]): Promise<Map<string, AcceptDue>> {
    const open = handoffs.filter((h) => !h.acceptDueAt);
    const norms = await this.norms.normsFor(open.map((h) => ({ receiverOrganisationId: h.toOrganisationId, topic: h.topic, urgency: h.urgency })));
    const due = new Map<string, AcceptDue>();
    for (const h of handoffs) if (h.acceptDueAt) due.set(h.id, { at: h.acceptDueAt });
    open.forEach((h, i) => due.set(h.id, { at: this.calculator.dueAt(h.requestedAt, norms[i].acceptAmount, norms[i].acceptUnit), source: norms[i].source }));
    return due;
  }

  /** Stores the computed deadlines (in the receiver's tenant) and gives back the check job of each handoff. */
  async store(m: EntityManager, handoffs: readonly HandoffClock[], due: ReadonlyMap<string, AcceptDue>): Promise<AcceptCheckJob[]> {
    const jobs: AcceptCheckJob[] = [];
    const toStore: Array<{ id: string; due: Date; source: string }> = [];
    for (const h of handoffs) {
      const deadline = due.get(h.id);
      if (!deadline) continue;
      if (!h.acceptDueAt && deadline.source !== undefined) toStore.push({ id: h.id, due: deadline.at, source: deadline.source });
      jobs.push({
        name: 'deadline.check',
        data: { handoffId: h.id, organisationId: h.toOrganisationId, step: 'ACCEPT', level: 1 },
        opts: { jobId: deadlineJobId(h.id, 'ACCEPT', 1), delay: Math.max(0, deadline.at.getTime() - Date.now()) },
      });
    }
    // One statement for the batch; a deadline already stored (a retry) is kept.
    await handoffsStore.setAcceptDueMany(m, toStore);
    return jobs;
  }
}

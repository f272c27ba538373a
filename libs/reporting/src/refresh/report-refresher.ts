import { Inject, Injectable } from '@nestjs/common';
import { ZONE } from '@schakel/follow-ups';
import { OrganisationsService } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, runInTenant } from '@schakel/platform';
import { reportQueries, type BottleneckSource } from '@schakel/referrals';
import { DateTime } from 'luxon';
import { DataSource, type EntityManager } from 'typeorm';
import { monthOf, workingDayCalendar } from '../figures/calendar';
import { scrub, scrubOptional } from '../privacy/scrubber';
import { aggregatesStore } from '../store/aggregates.store';
import { textsStore, type NewReportBottleneck } from '../store/texts.store';

/**
 * Deadline bookkeeping (setting a contact deadline, escalating) does not touch
 * handoffs.updated_at, and happens within days of a step: months with a handoff changed this long
 * before the watermark are computed again, so those changes are never missed.
 */
export const REFRESH_MARGIN_DAYS = 14;
const BOTTLENECK_BATCH = 500;
const BOTTLENECK_MARGIN_MS = 86_400_000;
const NIL_UUID = '00000000-0000-0000-0000-000000000000';

export interface RefreshResult {
  organisationId: string;
  months: number;
  bottlenecks: number;
}

/**
 * Keeps the aggregate tables in step with the case tables, one organisation at a time in its own
 * tenant (row-level security limits it to that organisation's handoffs and knelpunten). Where to
 * start is read from report_refresh_state, so the work is found again after Redis lost its jobs.
 */
@Injectable()
export class ReportRefresher {
  private readonly goodFriday: boolean;

  constructor(
    private readonly dataSource: DataSource,
    private readonly organisations: OrganisationsService,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.goodFriday = config.WORKING_DAYS_GOOD_FRIDAY;
  }

  async refreshAll(now = new Date()): Promise<RefreshResult[]> {
    const results: RefreshResult[] = [];
    for (const organisation of await this.organisations.list()) results.push(await this.refreshOrganisation(organisation.id, now));
    return results;
  }

  async refreshOrganisation(organisationId: string, now = new Date()): Promise<RefreshResult> {
    return refreshOrganisation(this.dataSource, organisationId, this.goodFriday, now);
  }
}

/** The refresh of one organisation, usable without Nest (the demo seed, the benchmark). */
export async function refreshOrganisation(dataSource: DataSource, organisationId: string, goodFriday: boolean, now = new Date()): Promise<RefreshResult> {
  return runInTenant(dataSource, { organisationId }, (m) => refreshInTransaction(m, organisationId, goodFriday, now));
}

/** The refresh inside a transaction already in the organisation's tenant. */
export async function refreshInTransaction(m: EntityManager, organisationId: string, goodFriday: boolean, now: Date): Promise<RefreshResult> {
  // One refresh per organisation at a time: two would delete each other's fresh rows.
  await m.query(`SELECT pg_advisory_xact_lock(hashtext('report-refresh'), hashtext($1))`, [organisationId]);
  const state = await aggregatesStore.state(m, organisationId);
  const months = await monthsToCompute(m, organisationId, state?.handoffsRefreshedAt ?? null, now);
  if (months.length > 0) {
    const today = DateTime.fromJSDate(now, { zone: ZONE });
    const calendar = workingDayCalendar(months[0], today.plus({ days: 1 }).toISODate() ?? '', goodFriday);
    // A month per statement: each stays well within the statement timeout, however long the history.
    for (const month of months) {
      const counts = await reportQueries.monthCounts(m, organisationId, month, now);
      const durations = await reportQueries.durations(m, organisationId, month, calendar);
      await aggregatesStore.replaceMonths(m, organisationId, [month], counts, durations);
    }
  }
  // Knelpunten: from a day before the watermark (a long transaction may commit one late), each
  // copied once (report_copied_bottlenecks), in batches.
  const watermark = state?.bottlenecksAfter ?? null;
  let after = watermark ? { at: new Date(watermark.at.getTime() - BOTTLENECK_MARGIN_MS), id: NIL_UUID } : null;
  let newest = watermark;
  let copied = 0;
  for (;;) {
    const batch = await reportQueries.bottlenecksAfter(m, organisationId, after, BOTTLENECK_BATCH);
    if (batch.length === 0) break;
    const done = await textsStore.copied(m, batch.map((b) => b.id));
    const fresh = batch.filter((b) => !done.has(b.id));
    await textsStore.insertBottlenecks(m, organisationId, fresh.map(deidentify));
    await textsStore.markCopied(m, organisationId, fresh.map((b) => b.id));
    copied += fresh.length;
    const lastOne = batch[batch.length - 1];
    after = { at: lastOne.createdAt, id: lastOne.id };
    if (!newest || lastOne.createdAt > newest.at) newest = after;
    if (batch.length < BOTTLENECK_BATCH) break;
  }
  await aggregatesStore.saveState(m, organisationId, { handoffsRefreshedAt: now, bottlenecksAfter: newest });
  return { organisationId, months: months.length, bottlenecks: copied };
}

async function monthsToCompute(m: EntityManager, organisationId: string, refreshedAt: Date | null, now: Date): Promise<string[]> {
  const current = monthOf(now);
  if (!refreshedAt) {
    // The first build: every month from the first handoff up to now.
    const first = await reportQueries.firstMonth(m, organisationId);
    const months: string[] = [];
    for (let d = DateTime.fromISO(first ?? current, { zone: ZONE }); (d.toISODate() ?? '') <= current; d = d.plus({ months: 1 })) months.push(d.toISODate() ?? '');
    return months;
  }
  const since = new Date(refreshedAt.getTime() - REFRESH_MARGIN_DAYS * 86_400_000);
  const changed = await reportQueries.changedMonths(m, organisationId, since);
  // The current and previous month always: open steps pass their deadline without any write.
  const previous = DateTime.fromISO(current, { zone: ZONE }).minus({ months: 1 }).toISODate() ?? current;
  return [...new Set([...changed, previous, current])].sort();
}

/** A knelpunt as the reports keep it: texts scrubbed (the citizen's name too), no case, no employee. */
export function deidentify(b: BottleneckSource): NewReportBottleneck {
  const names = b.citizenName ? [b.citizenName] : [];
  return {
    month: monthOf(b.createdAt),
    category: b.category,
    topic: b.topic,
    rule: scrubOptional(b.rule, names),
    description: scrub(b.description, names).text,
    customSolutionApplied: b.customSolutionApplied,
    customSolution: scrubOptional(b.customSolution, names),
  };
}

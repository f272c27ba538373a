import { Injectable } from '@nestjs/common';
import { type RequestContext, runInTenant } from '@schakel/platform';
import { liveReceivedFigures, type LiveReceivedFigures } from '@schakel/live-handoffs';
import { REFERRAL_TOPICS, type ReferralTopic } from '@schakel/referrals';
import { DataSource } from 'typeorm';
import { assertMayReadReports } from './access';
import { addTo } from './figures/distribution';
import {
  addCounts,
  type Counts,
  draftFigures,
  type DraftFigures,
  emptyCounts,
  emptyHistograms,
  type ExecutionFigures,
  type Histograms,
  publishFigures,
  suppressTable,
} from './figures/execution-figures';
import { liveRows, type LiveRow } from './figures/live-figures';
import { monthLabel, monthRange, type Period } from './figures/period';
import { TOPIC_LABELS } from './labels';
import { type ProposalView, ProposalsService } from './proposals.service';
import type { ReportScope } from './reporting.enums';
import { ReportScopes, type ResolvedScope } from './scope.service';
import { aggregatesStore, type DurationRow } from './store/aggregates.store';
import { type LearningStory, type Proposal, textsStore } from './store/texts.store';
import { readPerOrganisation } from './tenant-reads';

export interface ExecutionRow {
  key: string;
  label: string;
  figures: ExecutionFigures;
}

export interface ExecutionReport {
  scope: ResolvedScope;
  period: Period;
  totals: ExecutionFigures;
  byMonth: ExecutionRow[];
  byTopic: ExecutionRow[];
  /** Per party, for a joint report; empty for one organisation. */
  byOrganisation: ExecutionRow[];
  /** Live warm handoffs received per organisation in scope, with the time to pick up. */
  live: LiveRow[];
  stories: LearningStory[];
  proposals: ProposalView[];
  /** The oldest moment up to which the aggregates of the organisations in scope are complete. */
  dataUpTo: Date | null;
  generatedAt: Date;
}

interface OrganisationData {
  counts: Awaited<ReturnType<typeof aggregatesStore.monthCounts>>;
  durations: DurationRow[];
  stories: LearningStory[];
  proposals: Proposal[];
  live: LiveReceivedFigures;
  refreshedAt: Date | null;
}

class Accumulator {
  readonly counts: Counts = emptyCounts();
  readonly histograms: Histograms = emptyHistograms();
  draft(): DraftFigures {
    return draftFigures(this.counts, this.histograms);
  }
}

const emptyLive: LiveReceivedFigures = { received: 0, pickedUp: 0, fellBack: 0, cancelled: 0, medianPickUpSeconds: null, p90PickUpSeconds: null };

function accumulators<K extends string>(keys: readonly K[]): Map<K, Accumulator> {
  return new Map(keys.map((k) => [k, new Accumulator()]));
}

/**
 * The staat van de uitvoering for one organisation or the parties of a FINAL action list, from
 * the aggregate tables only (a handful of rows per month and organisation, ADR 0013): counts are
 * summed, histograms merged, medians and percentiles taken from the merged histograms, and the
 * whole table is suppressed at once (docs/reports.md).
 */
@Injectable()
export class ExecutionReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ReportScopes,
    private readonly proposals: ProposalsService,
  ) {}

  async report(ctx: RequestContext, period: Period, scope: ReportScope, actionListId: string | null | undefined): Promise<ExecutionReport> {
    assertMayReadReports(ctx.actor);
    const range = monthRange(period);
    const resolved = await this.scopes.resolve(ctx, scope, actionListId);
    const ids = resolved.organisations.map((o) => o.id);
    const data = await readPerOrganisation(this.dataSource, ids, async (m, id): Promise<OrganisationData> => {
      const state = await aggregatesStore.state(m, id);
      return {
        counts: await aggregatesStore.monthCounts(m, id, range.first, range.last),
        durations: await aggregatesStore.durations(m, id, range.first, range.last),
        stories: await textsStore.stories(m, id, { status: 'GOEDGEKEURD', first: range.first, last: range.last, limit: 50 }),
        proposals: await textsStore.proposals(m, id, 200),
        live: await liveReceivedFigures(m, id, range.first, range.last),
        refreshedAt: state?.handoffsRefreshedAt ?? null,
      };
    });
    const proposals = await this.agenda([...data.values()].map((d) => d.proposals));

    const total = new Accumulator();
    const byMonth = accumulators(range.months);
    const byTopic = accumulators<ReferralTopic>(REFERRAL_TOPICS);
    const byOrganisation = accumulators(ids);
    for (const [id, d] of data) {
      const org = byOrganisation.get(id) ?? new Accumulator();
      for (const row of d.counts) {
        addCounts(total.counts, row.counts);
        addCounts(org.counts, row.counts);
        const month = byMonth.get(row.month);
        if (month) addCounts(month.counts, row.counts);
        addCounts(byTopic.get(row.topic)?.counts ?? emptyCounts(), row.counts);
      }
      for (const h of d.durations) {
        if (h.month !== null) {
          const month = byMonth.get(h.month);
          if (month) addTo(month.histograms[h.metric], h.value, h.n);
        } else if (h.topic !== null) {
          const topic = byTopic.get(h.topic);
          if (topic) addTo(topic.histograms[h.metric], h.value, h.n);
        } else {
          addTo(total.histograms[h.metric], h.value, h.n);
          addTo(org.histograms[h.metric], h.value, h.n);
        }
      }
    }

    const totalDraft = total.draft();
    const monthDrafts = range.months.map((k) => ({ key: k, label: monthLabel(k), draft: (byMonth.get(k) ?? new Accumulator()).draft() }));
    const topicDrafts = REFERRAL_TOPICS.map((k) => ({ key: k as string, label: TOPIC_LABELS[k], draft: (byTopic.get(k) ?? new Accumulator()).draft() }));
    const joint = resolved.scope === 'ACTION_LIST';
    const orgDrafts = joint ? resolved.organisations.map((o) => ({ key: o.id, label: o.name, draft: (byOrganisation.get(o.id) ?? new Accumulator()).draft() })) : [];
    suppressTable(totalDraft, [monthDrafts.map((r) => r.draft), topicDrafts.map((r) => r.draft), orgDrafts.map((r) => r.draft)]);
    const rows = (list: Array<{ key: string; label: string; draft: DraftFigures }>): ExecutionRow[] => list.map((r) => ({ key: r.key, label: r.label, figures: publishFigures(r.draft) }));

    const refreshed = [...data.values()].map((d) => d.refreshedAt);
    return {
      scope: resolved,
      period,
      totals: publishFigures(totalDraft),
      byMonth: rows(monthDrafts),
      byTopic: rows(topicDrafts),
      byOrganisation: rows(orgDrafts),
      live: liveRows(resolved.organisations.map((o) => ({ key: o.id, label: o.name, figures: data.get(o.id)?.live ?? emptyLive }))),
      stories: [...data.values()].flatMap((d) => d.stories).sort((a, b) => a.month.localeCompare(b.month) || a.id.localeCompare(b.id)),
      proposals,
      dataUpTo: refreshed.some((r) => r === null) ? null : new Date(Math.min(...refreshed.map((r) => r?.getTime() ?? 0))),
      generatedAt: new Date(),
    };
  }

  /**
   * The vereenvoudigingsagenda of the organisations in scope (what they proposed and what was
   * proposed to them), from the proposals each read in its own tenant; one more transaction adds
   * names and bundled knelpunten.
   */
  async agenda(perOrganisation: Iterable<readonly Proposal[]>): Promise<ProposalView[]> {
    const unique = new Map<string, Proposal>();
    for (const list of perOrganisation) for (const p of list) unique.set(p.id, p);
    const proposals = [...unique.values()].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || a.id.localeCompare(b.id));
    if (proposals.length === 0) return [];
    return runInTenant(this.dataSource, { organisationId: proposals[0].authorOrganisationId }, (m) => this.proposals.views(m, proposals));
  }
}

import { Injectable } from '@nestjs/common';
import type { RequestContext } from '@schakel/platform';
import { DataSource } from 'typeorm';
import { assertMayReadReports } from './access';
import { type AdditiveGroup, type Cell, type DraftCell, draftCell, hiddenPart, publish, suppressDerivable } from './figures/cells';
import { monthLabel, monthRange, type Period } from './figures/period';
import { CATEGORY_LABELS, TOPIC_LABELS } from './labels';
import { ExecutionReportService } from './execution-report.service';
import type { ProposalView } from './proposals.service';
import type { BottleneckGrouping, ReportScope } from './reporting.enums';
import { ReportScopes, type ResolvedScope } from './scope.service';
import { aggregatesStore } from './store/aggregates.store';
import { type BottleneckCount, type LearningStory, type ReportBottleneck, textsStore } from './store/texts.store';
import { readPerOrganisation } from './tenant-reads';

export interface BottleneckItem extends ReportBottleneck {
  organisationName: string;
}

export interface BottleneckGroup {
  key: string;
  label: string;
  count: Cell;
  maatwerk: Cell;
  /** The knelpunten of the group, newest first; empty when its count is suppressed. */
  items: BottleneckItem[];
}

export interface BottleneckMonth {
  month: string;
  label: string;
  count: Cell;
  maatwerk: Cell;
}

export interface BottleneckReport {
  scope: ResolvedScope;
  period: Period;
  groupBy: BottleneckGrouping;
  total: Cell;
  maatwerk: Cell;
  groups: BottleneckGroup[];
  trend: BottleneckMonth[];
  stories: LearningStory[];
  proposals: ProposalView[];
  dataUpTo: Date | null;
  generatedAt: Date;
}

export const ITEMS_PER_GROUP = 50;
const NO_RULE = '(geen regel genoemd)';

interface Tally {
  count: DraftCell;
  maatwerk: DraftCell;
  rest: DraftCell;
}

function tally(total: number, maatwerk: number): Tally {
  return { count: draftCell(total), maatwerk: draftCell(maatwerk), rest: hiddenPart(total - maatwerk) };
}

class Sum {
  total = 0;
  maatwerk = 0;
  add(c: BottleneckCount): void {
    this.total += c.n;
    if (c.maatwerk) this.maatwerk += c.n;
  }
}

/**
 * The knelpuntenrapportage: knelpunten of the organisations in scope in a period, grouped by
 * category, rule or system, organisation or topic, with how often maatwerk was applied and why,
 * the trend per month, the stories and the agenda. Texts come from report_bottlenecks, scrubbed
 * when copied; nothing links back to a case. A group's texts are listed only when its count is
 * shown, so counting texts cannot undo the suppression.
 */
@Injectable()
export class BottleneckReportService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly scopes: ReportScopes,
    private readonly execution: ExecutionReportService,
  ) {}

  async report(ctx: RequestContext, period: Period, groupBy: BottleneckGrouping, scope: ReportScope, actionListId: string | null | undefined): Promise<BottleneckReport> {
    assertMayReadReports(ctx.actor);
    const range = monthRange(period);
    const resolved = await this.scopes.resolve(ctx, scope, actionListId);
    const names = new Map(resolved.organisations.map((o) => [o.id, o.name]));
    // Counted and ranked in SQL per organisation: a year of knelpunten can be thousands of rows.
    const data = await readPerOrganisation(this.dataSource, [...names.keys()], async (m, id) => ({
      counts: await textsStore.bottleneckCounts(m, id, range.first, range.last, groupBy),
      items: await textsStore.bottleneckItems(m, id, range.first, range.last, groupBy, ITEMS_PER_GROUP),
      stories: await textsStore.stories(m, id, { status: 'GOEDGEKEURD', first: range.first, last: range.last, limit: 50 }),
      proposals: await textsStore.proposals(m, id, 200),
      refreshedAt: (await aggregatesStore.state(m, id))?.refreshedAt ?? null,
    }));

    const labelOf = (key: string, ruleLabel: string | null): string => {
      switch (groupBy) {
        case 'CATEGORY':
          return CATEGORY_LABELS[key as keyof typeof CATEGORY_LABELS] ?? key;
        case 'TOPIC':
          return TOPIC_LABELS[key as keyof typeof TOPIC_LABELS] ?? key;
        case 'ORGANISATION':
          return names.get(key) ?? key;
        case 'RULE':
          return ruleLabel || NO_RULE;
      }
    };
    const all = new Sum();
    const perGroup = new Map<string, { label: string; sum: Sum }>();
    const perMonth = new Map(range.months.map((month) => [month, new Sum()]));
    for (const d of data.values()) {
      for (const c of d.counts) {
        all.add(c);
        perMonth.get(c.month)?.add(c);
        const g = perGroup.get(c.key) ?? { label: labelOf(c.key, c.ruleLabel), sum: new Sum() };
        g.sum.add(c);
        perGroup.set(c.key, g);
      }
    }
    const total = tally(all.total, all.maatwerk);
    const groups = [...perGroup.entries()]
      .map(([key, g]) => ({ key, label: g.label, total: g.sum.total, t: tally(g.sum.total, g.sum.maatwerk) }))
      .sort((a, b) => b.total - a.total || a.label.localeCompare(b.label, 'nl'));
    const trend = range.months.map((month) => {
      const sum = perMonth.get(month) ?? new Sum();
      return { month, t: tally(sum.total, sum.maatwerk) };
    });
    const sums: AdditiveGroup[] = [
      { parts: groups.map((g) => g.t.count), total: total.count },
      { parts: groups.map((g) => g.t.maatwerk), total: total.maatwerk },
      { parts: groups.map((g) => g.t.rest), total: total.rest },
      { parts: trend.map((m) => m.t.count), total: total.count },
      { parts: trend.map((m) => m.t.maatwerk), total: total.maatwerk },
      { parts: trend.map((m) => m.t.rest), total: total.rest },
      ...[total, ...groups.map((g) => g.t), ...trend.map((m) => m.t)].map((t) => ({ parts: [t.maatwerk, t.rest], total: t.count })),
    ];
    suppressDerivable(sums);

    const itemsOf = new Map<string, BottleneckItem[]>();
    for (const [id, d] of data) {
      for (const { key, ...item } of d.items) itemsOf.set(key, [...(itemsOf.get(key) ?? []), { ...item, organisationName: names.get(id) ?? '' }]);
    }
    const refreshed = [...data.values()].map((d) => d.refreshedAt);
    return {
      scope: resolved,
      period,
      groupBy,
      total: publish(total.count),
      maatwerk: publish(total.maatwerk),
      groups: groups.map((g) => ({
        key: g.key,
        label: g.label,
        count: publish(g.t.count),
        maatwerk: publish(g.t.maatwerk),
        items: g.t.count.suppressed ? [] : [...(itemsOf.get(g.key) ?? [])].sort((a, b) => b.month.localeCompare(a.month) || a.id.localeCompare(b.id)).slice(0, ITEMS_PER_GROUP),
      })),
      trend: trend.map((m) => ({ month: m.month, label: monthLabel(m.month), count: publish(m.t.count), maatwerk: publish(m.t.maatwerk) })),
      stories: [...data.values()].flatMap((d) => d.stories).sort((a, b) => a.month.localeCompare(b.month) || a.id.localeCompare(b.id)),
      proposals: await this.execution.agenda([...data.values()].map((d) => d.proposals)),
      dataUpTo: refreshed.some((r) => r === null) ? null : new Date(Math.min(...refreshed.map((r) => r?.getTime() ?? 0))),
      generatedAt: new Date(),
    };
  }
}

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
import { type LearningStory, type ReportBottleneck, textsStore } from './store/texts.store';
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

export function ruleKey(rule: string | null): string {
  return rule ? rule.trim().toLocaleLowerCase('nl').replace(/\s+/g, ' ') : '';
}

interface Tally {
  count: DraftCell;
  maatwerk: DraftCell;
  rest: DraftCell;
}

function tally(items: readonly ReportBottleneck[]): Tally {
  const maatwerk = items.filter((i) => i.customSolutionApplied).length;
  return { count: draftCell(items.length), maatwerk: draftCell(maatwerk), rest: hiddenPart(items.length - maatwerk) };
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
    const data = await readPerOrganisation(this.dataSource, [...names.keys()], async (m, id) => ({
      items: await textsStore.bottlenecks(m, id, range.first, range.last),
      stories: await textsStore.stories(m, id, { status: 'GOEDGEKEURD', first: range.first, last: range.last, limit: 50 }),
      proposals: await textsStore.proposals(m, id, 200),
      refreshedAt: (await aggregatesStore.state(m, id))?.refreshedAt ?? null,
    }));
    const items: BottleneckItem[] = [...data.entries()].flatMap(([id, d]) => d.items.map((i) => ({ ...i, organisationName: names.get(id) ?? '' })));

    const keyOf = (i: BottleneckItem): { key: string; label: string } => {
      switch (groupBy) {
        case 'CATEGORY':
          return { key: i.category, label: CATEGORY_LABELS[i.category] };
        case 'TOPIC':
          return { key: i.topic, label: TOPIC_LABELS[i.topic] };
        case 'ORGANISATION':
          return { key: i.organisationId, label: i.organisationName };
        case 'RULE':
          return { key: ruleKey(i.rule), label: i.rule?.trim() || NO_RULE };
      }
    };
    const grouped = new Map<string, { label: string; items: BottleneckItem[] }>();
    for (const item of items) {
      const { key, label } = keyOf(item);
      const g = grouped.get(key) ?? { label, items: [] };
      g.items.push(item);
      grouped.set(key, g);
    }
    const total = tally(items);
    const groups = [...grouped.entries()]
      .map(([key, g]) => ({ key, label: g.label, items: g.items, t: tally(g.items) }))
      .sort((a, b) => b.items.length - a.items.length || a.label.localeCompare(b.label, 'nl'));
    const trend = range.months.map((month) => ({ month, t: tally(items.filter((i) => i.month === month)) }));
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
        items: g.t.count.suppressed ? [] : [...g.items].sort((a, b) => b.month.localeCompare(a.month) || a.id.localeCompare(b.id)).slice(0, ITEMS_PER_GROUP),
      })),
      trend: trend.map((m) => ({ month: m.month, label: monthLabel(m.month), count: publish(m.t.count), maatwerk: publish(m.t.maatwerk) })),
      stories: [...data.values()].flatMap((d) => d.stories).sort((a, b) => a.month.localeCompare(b.month) || a.id.localeCompare(b.id)),
      proposals: await this.execution.agenda([...data.values()].map((d) => d.proposals)),
      dataUpTo: refreshed.some((r) => r === null) ? null : new Date(Math.min(...refreshed.map((r) => r?.getTime() ?? 0))),
      generatedAt: new Date(),
    };
  }
}

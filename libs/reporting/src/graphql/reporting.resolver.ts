import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope, requireExistingId } from '@schakel/platform';
import { BottleneckReportService } from '../bottleneck-report.service';
import { bottleneckCsv, executionCsv } from '../csv';
import { ExecutionReportService } from '../execution-report.service';
import { yearPeriod } from '../figures/period';
import { ProposalsService } from '../proposals.service';
import type { BottleneckGrouping, LearningStoryStatus, ReportScope, ReviewDecision } from '../reporting.enums';
import { LearningStoriesService } from '../stories.service';
import { YearReportPdfService } from '../pdf/year-report-pdf.service';
import { BottleneckGroupingEnum, LearningStoryStatusEnum, ReportScopeEnum, ReviewDecisionEnum } from './enums.graphql';
import { LearningStoryInput, ProposalStatusInput, ReportPeriodInput, SimplificationProposalInput } from './report.inputs';
import { BottleneckReportType, ExecutionReportType, LearningStoryType, SimplificationProposalType } from './report.types';

const LIST = { nl: 'Deze actielijst', en: 'This action list' };

/** Reports, leerverhalen and the vereenvoudigingsagenda: thin; the rules are in the services. */
@Resolver()
export class ReportingResolver {
  constructor(
    private readonly bottlenecks: BottleneckReportService,
    private readonly execution: ExecutionReportService,
    private readonly stories: LearningStoriesService,
    private readonly proposals: ProposalsService,
    private readonly pdf: YearReportPdfService,
  ) {}

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => BottleneckReportType, { description: 'De knelpuntenrapportage. Beleidsmedewerker of secretaris.' })
  async bottleneckReport(
    @Ctx() ctx: RequestContext,
    @Args('period') period: ReportPeriodInput,
    @Args('groupBy', { type: () => BottleneckGroupingEnum }) groupBy: BottleneckGrouping,
    @Args('scope', { type: () => ReportScopeEnum, defaultValue: 'ORGANISATION' }) scope: ReportScope,
    @Args('actionListId', { type: () => ID, nullable: true }) actionListId?: string | null,
  ): Promise<BottleneckReportType> {
    const report = await this.bottlenecks.report(ctx, period, groupBy, scope, actionListId ? requireExistingId(actionListId, LIST) : null);
    return BottleneckReportType.from(report, ctx.actor.organisationId);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => ExecutionReportType, { description: 'De staat van de uitvoering. Beleidsmedewerker of secretaris.' })
  async executionReport(
    @Ctx() ctx: RequestContext,
    @Args('period') period: ReportPeriodInput,
    @Args('scope', { type: () => ReportScopeEnum, defaultValue: 'ORGANISATION' }) scope: ReportScope,
    @Args('actionListId', { type: () => ID, nullable: true }) actionListId?: string | null,
  ): Promise<ExecutionReportType> {
    const report = await this.execution.report(ctx, period, scope, actionListId ? requireExistingId(actionListId, LIST) : null);
    return ExecutionReportType.from(report, ctx.actor.organisationId);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => String, { description: 'De staat van de uitvoering als CSV (UTF-8 met BOM, ";"-gescheiden, "< 5" waar onderdrukt): totaal, per maand, onderwerp en partij.' })
  async executionReportCsv(
    @Ctx() ctx: RequestContext,
    @Args('period') period: ReportPeriodInput,
    @Args('scope', { type: () => ReportScopeEnum, defaultValue: 'ORGANISATION' }) scope: ReportScope,
    @Args('actionListId', { type: () => ID, nullable: true }) actionListId?: string | null,
  ): Promise<string> {
    return executionCsv(await this.execution.report(ctx, period, scope, actionListId ? requireExistingId(actionListId, LIST) : null));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => String, { description: 'De knelpuntenrapportage als CSV (UTF-8 met BOM, ";"-gescheiden): groepen en maanden.' })
  async bottleneckReportCsv(
    @Ctx() ctx: RequestContext,
    @Args('period') period: ReportPeriodInput,
    @Args('groupBy', { type: () => BottleneckGroupingEnum }) groupBy: BottleneckGrouping,
    @Args('scope', { type: () => ReportScopeEnum, defaultValue: 'ORGANISATION' }) scope: ReportScope,
    @Args('actionListId', { type: () => ID, nullable: true }) actionListId?: string | null,
  ): Promise<string> {
    return bottleneckCsv(await this.bottlenecks.report(ctx, period, groupBy, scope, actionListId ? requireExistingId(actionListId, LIST) : null));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => String, { description: '"Staat van de uitvoering <jaar>" als toegankelijke PDF (PDF/UA, getagd), base64.' })
  async executionReportPdf(
    @Ctx() ctx: RequestContext,
    @Args('year', { type: () => Int }) year: number,
    @Args('scope', { type: () => ReportScopeEnum, defaultValue: 'ORGANISATION' }) scope: ReportScope,
    @Args('actionListId', { type: () => ID, nullable: true }) actionListId?: string | null,
  ): Promise<string> {
    const report = await this.execution.report(ctx, yearPeriod(year), scope, actionListId ? requireExistingId(actionListId, LIST) : null);
    return (await this.pdf.render(report, year)).toString('base64');
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => [LearningStoryType], { description: 'Leerverhalen van uw organisatie (coördinatoren: ook die ter beoordeling).' })
  async learningStories(
    @Ctx() ctx: RequestContext,
    @Args('status', { type: () => LearningStoryStatusEnum, nullable: true }) status?: LearningStoryStatus | null,
  ): Promise<LearningStoryType[]> {
    return (await this.stories.list(ctx, status ?? null)).map((s) => LearningStoryType.from(s, ctx.actor.employeeId));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => LearningStoryType, { description: 'Maak van het maatwerk in een afgeronde zaak een leerverhaal (ter beoordeling).' })
  async createLearningStory(@Ctx() ctx: RequestContext, @Args('input') input: LearningStoryInput): Promise<LearningStoryType> {
    return LearningStoryType.from(await this.stories.create(ctx, input), ctx.actor.employeeId);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => LearningStoryType, { description: 'Beoordeel een leerverhaal (coördinator, niet de schrijver).' })
  async reviewLearningStory(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('decision', { type: () => ReviewDecisionEnum }) decision: ReviewDecision,
    @Args('note', { type: () => String, nullable: true }) note?: string | null,
  ): Promise<LearningStoryType> {
    return LearningStoryType.from(await this.stories.review(ctx, requireExistingId(id, { nl: 'Dit leerverhaal', en: 'This learning story' }), decision, note ?? null), ctx.actor.employeeId);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => [SimplificationProposalType], { description: 'Voorstellen die uw organisatie deed of moet beantwoorden.' })
  async simplificationProposals(@Ctx() ctx: RequestContext): Promise<SimplificationProposalType[]> {
    return (await this.proposals.list(ctx)).map((p) => SimplificationProposalType.from(p, ctx.actor.organisationId));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => SimplificationProposalType, { description: 'Zet knelpunten op de vereenvoudigingsagenda, gericht aan de eigenaar van de regel of het systeem.' })
  async createSimplificationProposal(@Ctx() ctx: RequestContext, @Args('input') input: SimplificationProposalInput): Promise<SimplificationProposalType> {
    return SimplificationProposalType.from(await this.proposals.create(ctx, input), ctx.actor.organisationId);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => SimplificationProposalType, { description: 'De eigenaar zet een voorstel verder: IN_BEHANDELING, OPGELOST of AFGEWEZEN (met reden).' })
  async updateSimplificationProposalStatus(@Ctx() ctx: RequestContext, @Args('input') input: ProposalStatusInput): Promise<SimplificationProposalType> {
    return SimplificationProposalType.from(await this.proposals.move(ctx, input), ctx.actor.organisationId);
  }
}

import { Inject } from '@nestjs/common';
import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryLoaders, EmployeeType, OrganisationType } from '@schakel/organisations';
import { APP_CONFIG, type AppConfig, AppError, Ctx, encodeCursor, type RequestContext, RequiresScope } from '@schakel/platform';
import { availableActions } from '../handoffs/handoff-state-machine';
import { HANDOFF_CURSOR, type HandoffCount, HandoffsService } from '../handoffs/handoffs.service';
import type { HandoffAction, HandoffDirection, HandoffStatus } from '../referral.enums';
import { CaseLoaders } from './case.loaders';
import { HandoffActionEnum, HandoffDirectionEnum, HandoffStatusEnum } from './enums.graphql';
import { AcceptHandoffInput, CompleteHandoffInput, ForwardHandoffInput, ReasonInput, RecordContactInput, VersionInput } from './referral.inputs';
import { HandoffConnectionType, HandoffType, ReferralType } from './referral.types';

@Resolver(() => HandoffType)
export class HandoffsResolver {
  constructor(
    private readonly handoffService: HandoffsService,
    private readonly cases: CaseLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  @RequiresScope('handoffs:read')
  @Query(() => HandoffConnectionType, { description: 'Inkomende of uitgaande overdrachten van uw organisatie, nieuwste eerst.' })
  async handoffs(
    @Ctx() ctx: RequestContext,
    @Args('direction', { type: () => HandoffDirectionEnum }) direction: HandoffDirection,
    @Args('status', { type: () => [HandoffStatusEnum], nullable: true }) status?: HandoffStatus[] | null,
    @Args('overdue', { type: () => Boolean, nullable: true }) overdue?: boolean | null,
    @Args('first', { type: () => Int, nullable: true, description: 'Maximaal 100; standaard 20.' }) first?: number | null,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ): Promise<HandoffConnectionType> {
    const filter = { direction, statuses: status, overdue, first, after };
    const page = await this.handoffService.list(ctx, filter);
    const edges = page.nodes.map((h) => ({ cursor: encodeCursor(HANDOFF_CURSOR, h.id), node: HandoffType.from(h) }));
    return { edges, filter, pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  @RequiresScope('handoffs:read')
  @Query(() => HandoffType, { description: 'Eén overdracht waarin uw organisatie een schakel is.' })
  async handoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.get(ctx, id));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: overdracht geopend (REQUESTED → RECEIVED).' })
  async receiveHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: VersionInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.receive(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: oppakken (→ ACCEPTED), eventueel toewijzen.' })
  async acceptHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: AcceptHandoffInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.accept(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: contact met de inwoner vastgelegd (ACCEPTED → IN_PROGRESS).' })
  async recordContact(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: RecordContactInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.recordContact(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: afronden met uitkomst (→ COMPLETED).' })
  async completeHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: CompleteHandoffInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.complete(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: warm doorsturen naar een derde organisatie (→ FORWARDED, plus een nieuwe overdracht).' })
  async forwardHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: ForwardHandoffInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.forward(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Ontvanger: terug naar de verzender met uitleg (→ RETURNED). Er is geen "afwijzen".' })
  async returnHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: ReasonInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.returnToSender(ctx, id, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => HandoffType, { description: 'Verzender: intrekken met reden (→ CANCELLED).' })
  async cancelHandoff(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string, @Args('input') input: ReasonInput): Promise<HandoffType> {
    return HandoffType.from(await this.handoffService.cancel(ctx, id, input));
  }

  @ResolveField(() => [HandoffActionEnum], { description: 'Wat u nu met deze overdracht kunt doen.' })
  availableActions(@Parent() h: HandoffType, @Ctx() ctx: RequestContext): HandoffAction[] {
    // A machine client that may only read can take no action, whatever its organisation could.
    if (ctx.actor.kind === 'machine' && !ctx.actor.scopes.includes('handoffs:write')) return [];
    return availableActions(h, ctx.actor);
  }

  @ResolveField(() => OrganisationType)
  async from(@Parent() h: HandoffType, @Context('req') req: object): Promise<OrganisationType> {
    return this.required(await this.directory.for(req).organisation.load(h.fromOrganisationId));
  }

  @ResolveField(() => OrganisationType)
  async to(@Parent() h: HandoffType, @Context('req') req: object): Promise<OrganisationType> {
    return this.required(await this.directory.for(req).organisation.load(h.toOrganisationId));
  }

  @ResolveField(() => EmployeeType, { nullable: true, description: 'De verzendende medewerker.' })
  async sender(@Parent() h: HandoffType, @Context('req') req: object): Promise<EmployeeType | null> {
    return h.fromEmployeeId ? this.directory.for(req).employee.load(h.fromEmployeeId) : null;
  }

  @ResolveField(() => EmployeeType, { nullable: true })
  async assignee(@Parent() h: HandoffType, @Context('req') req: object): Promise<EmployeeType | null> {
    return h.assigneeId ? this.directory.for(req).employee.load(h.assigneeId) : null;
  }

  @ResolveField(() => ReferralType)
  async referral(@Parent() h: HandoffType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<ReferralType> {
    const referral = await this.cases.for(req, ctx).referral.load(h.referralId);
    if (!referral) throw AppError.notFound({ nl: 'Deze verwijzing', en: 'This referral' });
    return ReferralType.from(referral);
  }

  private required<T>(value: T | null): T {
    if (!value) throw new Error('Directory entry missing for a visible handoff');
    return value;
  }
}

@Resolver(() => HandoffConnectionType)
export class HandoffConnectionResolver {
  constructor(
    private readonly handoffService: HandoffsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @ResolveField(() => Int, {
    description:
      'Aantal overdrachten dat aan het filter voldoet (alleen geteld als u erom vraagt). Exact tot en met HANDOFF_COUNT_CAP (standaard 10000); daarboven is het die grens en is totalCountIsEstimate true: er zijn er meer.',
  })
  async totalCount(@Parent() connection: HandoffConnectionType, @Ctx() ctx: RequestContext): Promise<number> {
    return (await this.counted(connection, ctx)).count;
  }

  @ResolveField(() => Boolean, {
    description:
      'true: er voldoen meer overdrachten aan het filter dan totalCount (de grens HANDOFF_COUNT_CAP, standaard 10000), toon bijvoorbeeld "10000+". false: totalCount is exact.',
  })
  async totalCountIsEstimate(@Parent() connection: HandoffConnectionType, @Ctx() ctx: RequestContext): Promise<boolean> {
    return (await this.counted(connection, ctx)).capped;
  }

  /** One count per connection, however many of its count fields are selected. */
  private counted(connection: HandoffConnectionType, ctx: RequestContext): Promise<HandoffCount> {
    connection.count ??= this.handoffService.count(ctx, connection.filter, this.config.HANDOFF_COUNT_CAP);
    return connection.count;
  }
}

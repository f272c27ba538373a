import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryLoaders, EmployeeType, OrganisationType } from '@schakel/organisations';
import { Ctx, type RequestContext, RequiresScope } from '@schakel/platform';
import { ReferralsService } from '../referrals/referrals.service';
import { CaseLoaders } from './case.loaders';
import { BottleneckInput, CreateReferralInput } from './referral.inputs';
import { BottleneckType, CitizenType, HandoffType, ReferralType, TimelineEventGqlType } from './referral.types';

@Resolver(() => ReferralType)
export class ReferralsResolver {
  constructor(
    private readonly referrals: ReferralsService,
    private readonly cases: CaseLoaders,
    private readonly directory: DirectoryLoaders,
  ) {}

  @RequiresScope('handoffs:write')
  @Mutation(() => ReferralType, { description: 'Draag een inwoner warm over: verwijzing plus eerste overdracht (REQUESTED).' })
  async createReferral(@Ctx() ctx: RequestContext, @Context('req') req: object, @Args('input') input: CreateReferralInput): Promise<ReferralType> {
    const { referral, firstHandoff } = await this.referrals.createWithFirstHandoff(ctx, input);
    // The client usually asks for currentHandoff right away: no second round trip for it.
    if (firstHandoff) this.cases.for(req, ctx).handoffs.prime(referral.id, [firstHandoff]);
    return ReferralType.from(referral);
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => ReferralType, { description: 'Voeg een notitie toe aan de tijdlijn.' })
  async addReferralNote(
    @Ctx() ctx: RequestContext,
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('text') text: string,
  ): Promise<ReferralType> {
    return ReferralType.from(await this.referrals.addNote(ctx, referralId, text));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => BottleneckType, { description: 'Meld een knelpunt bij deze verwijzing.' })
  async flagBottleneck(
    @Ctx() ctx: RequestContext,
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('input') input: BottleneckInput,
  ): Promise<BottleneckType> {
    return BottleneckType.from(await this.referrals.flagBottleneck(ctx, referralId, input));
  }

  @RequiresScope('handoffs:read')
  @Query(() => ReferralType, { description: 'Een verwijzing waarin uw organisatie een schakel is.' })
  async referral(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<ReferralType> {
    return ReferralType.from(await this.referrals.get(ctx, id));
  }

  @RequiresScope('handoffs:read')
  @Query(() => [ReferralType], { description: 'Verwijzingen van één inwoner, voor zover uw organisatie erin meedoet. BSN alleen als variabele.' })
  async referralsForCitizen(@Ctx() ctx: RequestContext, @Args('bsn') bsn: string): Promise<ReferralType[]> {
    return (await this.referrals.forCitizen(ctx, bsn)).map(ReferralType.from);
  }

  @ResolveField(() => OrganisationType, { description: 'De organisatie die de inwoner als eerste verwees.' })
  async origin(@Parent() r: ReferralType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(r.originOrganisationId);
  }

  @ResolveField(() => EmployeeType, { nullable: true })
  async createdBy(@Parent() r: ReferralType, @Context('req') req: object): Promise<EmployeeType | null> {
    return r.originEmployeeId ? this.directory.for(req).employee.load(r.originEmployeeId) : null;
  }

  @ResolveField(() => [HandoffType], { description: 'De schakels van de keten, in volgorde.' })
  async handoffs(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<HandoffType[]> {
    return (await this.cases.for(req, ctx).handoffs.load(r.id)).map(HandoffType.from);
  }

  @ResolveField(() => HandoffType, { nullable: true, description: 'De laatste schakel.' })
  async currentHandoff(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<HandoffType | null> {
    const handoffs = await this.cases.for(req, ctx).handoffs.load(r.id);
    const last = handoffs[handoffs.length - 1];
    return last ? HandoffType.from(last) : null;
  }

  @ResolveField(() => [TimelineEventGqlType])
  async timeline(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<TimelineEventGqlType[]> {
    return (await this.cases.for(req, ctx).timeline.load(r.id)).map(TimelineEventGqlType.from);
  }

  @ResolveField(() => [BottleneckType])
  async bottlenecks(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<BottleneckType[]> {
    return (await this.cases.for(req, ctx).bottlenecks.load(r.id)).map(BottleneckType.from);
  }

  @ResolveField(() => CitizenType, { nullable: true })
  async citizen(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<CitizenType | null> {
    const citizen = await this.cases.for(req, ctx).citizen.load(r.id);
    return citizen ? CitizenType.from(citizen) : null;
  }
}

@Resolver(() => TimelineEventGqlType)
export class TimelineEventResolver {
  constructor(private readonly directory: DirectoryLoaders) {}

  @ResolveField(() => OrganisationType)
  async organisation(@Parent() t: TimelineEventGqlType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(t.actorOrganisationId);
  }

  @ResolveField(() => EmployeeType, { nullable: true, description: 'Leeg wanneer een systeem handelde.' })
  async actor(@Parent() t: TimelineEventGqlType, @Context('req') req: object): Promise<EmployeeType | null> {
    return t.actorEmployeeId ? this.directory.for(req).employee.load(t.actorEmployeeId) : null;
  }

  @ResolveField(() => ID, { nullable: true })
  handoffId(@Parent() t: TimelineEventGqlType): string | null {
    return t.handoffId;
  }
}

@Resolver(() => BottleneckType)
export class BottleneckResolver {
  constructor(private readonly directory: DirectoryLoaders) {}

  @ResolveField(() => OrganisationType, { description: 'De organisatie die het knelpunt meldde.' })
  async organisation(@Parent() b: BottleneckType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(b.organisationId);
  }
}

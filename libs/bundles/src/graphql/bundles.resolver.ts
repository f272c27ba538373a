import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { DirectoryLoaders, OrganisationType } from '@schakel/organisations';
import { Ctx, type RequestContext, RequiresScope } from '@schakel/platform';
import { ReferralType } from '@schakel/referrals';
import { BundlesService } from '../bundles.service';
import { BundleLoaders } from './bundle.loaders';
import { BundleFilterInput, BundlePartType, BundleType, CreateBundleInput } from './bundle.types';

/** Household bundles: thin; the rules are in BundlesService. */
@Resolver(() => BundleType)
export class BundlesResolver {
  constructor(
    private readonly service: BundlesService,
    private readonly directory: DirectoryLoaders,
  ) {}

  @RequiresScope('handoffs:write')
  @Mutation(() => BundleType, { description: 'Maak een bundel: één verwijzing per onderdeel, elk met eigen toestemming, norm en status, plus de regie.' })
  async createBundle(@Ctx() ctx: RequestContext, @Args('input') input: CreateBundleInput): Promise<BundleType> {
    return BundleType.from(await this.service.create(ctx, input));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => BundleType, { description: 'Sluit de bundel (regie; alle onderdelen afgerond, teruggestuurd of ingetrokken).' })
  async closeBundle(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<BundleType> {
    return BundleType.from(await this.service.close(ctx, id, expectedVersion));
  }

  @RequiresScope('handoffs:read')
  @Query(() => BundleType, { description: 'Een bundel waarin uw organisatie meedoet; alleen de gezinsleden die u mag zien.' })
  async bundle(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<BundleType> {
    return BundleType.from(await this.service.view(ctx, id));
  }

  @RequiresScope('handoffs:read')
  @Query(() => [BundleType], { description: 'Bundels waarin uw organisatie meedoet (verwijzer, regie of ontvanger), nieuwste eerst.' })
  async bundles(@Ctx() ctx: RequestContext, @Args('filter', { type: () => BundleFilterInput, nullable: true }) filter?: BundleFilterInput | null): Promise<BundleType[]> {
    return (await this.service.list(ctx, filter ?? {})).map(BundleType.from);
  }

  @ResolveField(() => OrganisationType, { description: 'De organisatie die de bundel maakte.' })
  async origin(@Parent() b: BundleType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(b.originOrganisationId);
  }

  @ResolveField(() => OrganisationType, { description: 'De organisatie met de regie.' })
  async coordinatingOrganisation(@Parent() b: BundleType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(b.coordinatingOrganisationId);
  }
}

@Resolver(() => BundlePartType)
export class BundlePartsResolver {
  constructor(private readonly directory: DirectoryLoaders) {}

  @ResolveField(() => OrganisationType, { description: 'De organisatie die het onderdeel ontving.' })
  async receivingOrganisation(@Parent() p: BundlePartType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(p.toOrganisationId);
  }

  @ResolveField(() => OrganisationType, { description: 'De organisatie bij wie het onderdeel nu ligt (na doorsturen een andere).' })
  async currentOrganisation(@Parent() p: BundlePartType, @Context('req') req: object): Promise<OrganisationType | null> {
    return this.directory.for(req).organisation.load(p.currentOrganisationId ?? p.toOrganisationId);
  }
}

/** Referral.bundleId, registered here so the referrals lib does not depend on bundles. */
@Resolver(() => ReferralType)
export class ReferralBundleResolver {
  constructor(private readonly loaders: BundleLoaders) {}

  @ResolveField(() => ID, { nullable: true, description: 'De bundel waar deze verwijzing een onderdeel van is, als u dat onderdeel mag zien.' })
  async bundleId(@Parent() r: ReferralType, @Ctx() ctx: RequestContext, @Context('req') req: object): Promise<string | null> {
    return this.loaders.bundleIdOfReferral(req, ctx).load(r.id);
  }
}

import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import { type ReferralTopic, ReferralTopicEnum } from '@schakel/referrals';
import { DoorsService } from '../doors.service';
import { DoorFilterInput, DoorInput } from './door.inputs';
import { DoorMatchType, DoorType, DoorVersionType } from './door.types';

/** The sociale kaart: thin; the rules are in DoorsService. Reading needs handoffs:read for a partner system; maintaining is for people. */
@Resolver(() => DoorType)
export class DoorsResolver {
  constructor(private readonly service: DoorsService) {}

  @RequiresScope('handoffs:read')
  @Query(() => [DoorType], { description: 'Loketten op de sociale kaart (actief; met mine: true ook de eigen niet-actieve).' })
  async doors(@Ctx() ctx: RequestContext, @Args('filter', { type: () => DoorFilterInput, nullable: true }) filter?: DoorFilterInput | null): Promise<DoorType[]> {
    return (await this.service.list(ctx, filter ?? {})).map(DoorType.from);
  }

  @RequiresScope('handoffs:read')
  @Query(() => DoorType)
  async door(@Ctx() ctx: RequestContext, @Args('id', { type: () => ID }) id: string): Promise<DoorType> {
    return DoorType.from(await this.service.get(ctx, id));
  }

  @RequiresScope('handoffs:read')
  @Query(() => [DoorVersionType], { description: 'Alle versies van een loket, nieuwste eerst.' })
  async doorVersions(@Ctx() ctx: RequestContext, @Args('doorId', { type: () => ID }) doorId: string): Promise<DoorVersionType[]> {
    return (await this.service.versions(ctx, doorId)).map(DoorVersionType.from);
  }

  @RequiresScope('handoffs:read')
  @Query(() => [DoorMatchType], { description: 'De loketten voor een verwijzing, op volgorde: onderwerp en regio, dan gemeten snelheid, dan naam. Met search ook andere loketten waarin de zoekterm voorkomt.' })
  async doorMatches(
    @Ctx() ctx: RequestContext,
    @Args('topic', { type: () => ReferralTopicEnum }) topic: ReferralTopic,
    @Args('gemeentecode', { type: () => String, nullable: true }) gemeentecode?: string | null,
    @Args('search', { type: () => String, nullable: true }) search?: string | null,
  ): Promise<DoorMatchType[]> {
    return (await this.service.matches(ctx, { topic, gemeentecode, search })).map(DoorMatchType.from);
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => DoorType, { description: 'Publiceer een nieuw loket van de eigen organisatie (coördinator of beheerder).' })
  async createDoor(@Ctx() ctx: RequestContext, @Args('input') input: DoorInput): Promise<DoorType> {
    return DoorType.from(await this.service.create(ctx, input));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => DoorType, { description: 'Wijzig een loket. CONFLICT als iemand anders het sinds expectedVersion wijzigde.' })
  async updateDoor(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
    @Args('input') input: DoorInput,
  ): Promise<DoorType> {
    return DoorType.from(await this.service.update(ctx, id, expectedVersion, input));
  }

  @RequiresScope(PEOPLE_ONLY)
  @Mutation(() => DoorType, { description: 'Zet een loket aan of uit (niet-actieve loketten staan niet op de kaart).' })
  async setDoorActive(
    @Ctx() ctx: RequestContext,
    @Args('id', { type: () => ID }) id: string,
    @Args('active') active: boolean,
    @Args('expectedVersion', { type: () => Int }) expectedVersion: number,
  ): Promise<DoorType> {
    return DoorType.from(await this.service.setActive(ctx, id, active, expectedVersion));
  }
}

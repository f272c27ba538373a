import { Args, Context, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { OrganisationType } from '@schakel/organisations';
import { type ReferralTopic, ReferralTopicEnum, type Urgency, UrgencyEnum } from '@schakel/referrals';
import { ResponseNormType } from './follow-ups.types';
import { NormLoaders } from './norm.loaders';

/**
 * Organisation.responseNorm lives here, not in organisations: norms are follow-ups' business and
 * organisations may not depend on follow-ups.
 */
@Resolver(() => OrganisationType)
export class OrganisationNormsResolver {
  constructor(private readonly loaders: NormLoaders) {}

  @ResolveField(() => ResponseNormType, {
    description: 'Binnen welke termijn deze organisatie een verwijzing oppakt. Zonder onderwerp: haar algemene norm; zonder urgentie: NORMAAL.',
  })
  async responseNorm(
    @Parent() organisation: OrganisationType,
    @Context('req') req: object,
    @Args('topic', { type: () => ReferralTopicEnum, nullable: true }) topic?: ReferralTopic | null,
    @Args('urgency', { type: () => UrgencyEnum, nullable: true }) urgency?: Urgency | null,
  ): Promise<ResponseNormType> {
    return ResponseNormType.from(await this.loaders.for(req).load({ organisationId: organisation.id, topic: topic ?? null, urgency: urgency ?? null }));
  }
}

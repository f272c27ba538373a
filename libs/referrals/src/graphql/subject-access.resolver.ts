import { Args, ID, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Ctx, PEOPLE_ONLY, type RequestContext, RequiresScope } from '@schakel/platform';
import { SubjectAccessService } from '../inzage/subject-access.service';
import { TimelineEventGqlType } from './referral.types';
import { SubjectAccessReportType } from './subject-access.types';

@Resolver(() => SubjectAccessReportType)
export class SubjectAccessResolver {
  constructor(private readonly subjectAccess: SubjectAccessService) {}

  @RequiresScope(PEOPLE_ONLY)
  @Query(() => SubjectAccessReportType, {
    description: 'Inzage (AVG art. 15) voor één BSN, alleen voor de privacymedewerker (rol PRIVACY). BSN alleen als variabele. Het verzoek wordt gelogd.',
  })
  async subjectAccessReport(@Ctx() ctx: RequestContext, @Args('bsn') bsn: string): Promise<SubjectAccessReportType> {
    return SubjectAccessReportType.from(await this.subjectAccess.report(ctx, bsn));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => TimelineEventGqlType, { description: 'Leg een verzoek om verbetering vast (AVG art. 16): privacymedewerker of casusrol van een organisatie in de keten.' })
  async recordCorrectionRequest(
    @Ctx() ctx: RequestContext,
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('note') note: string,
  ): Promise<TimelineEventGqlType> {
    return TimelineEventGqlType.from(await this.subjectAccess.recordCorrectionRequest(ctx, referralId, note));
  }

  @RequiresScope('handoffs:write')
  @Mutation(() => TimelineEventGqlType, { description: 'Leg een bezwaar vast (AVG art. 21): privacymedewerker of casusrol van een organisatie in de keten.' })
  async recordObjection(
    @Ctx() ctx: RequestContext,
    @Args('referralId', { type: () => ID }) referralId: string,
    @Args('note') note: string,
  ): Promise<TimelineEventGqlType> {
    return TimelineEventGqlType.from(await this.subjectAccess.recordObjection(ctx, referralId, note));
  }
}

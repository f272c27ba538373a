import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { CaseLoaders } from './graphql/case.loaders';
import { HandoffConnectionResolver, HandoffsResolver } from './graphql/handoffs.resolver';
import { BottleneckResolver, ReferralsResolver, TimelineEventResolver } from './graphql/referrals.resolver';
import { SubjectAccessResolver } from './graphql/subject-access.resolver';
import { ReferralsModule } from './referrals.module';

/** The GraphQL edge of warm referrals. */
@Module({
  imports: [ReferralsModule, OrganisationsModule],
  providers: [CaseLoaders, ReferralsResolver, HandoffsResolver, HandoffConnectionResolver, TimelineEventResolver, BottleneckResolver, SubjectAccessResolver],
})
export class ReferralsApiModule {}

import { Module } from '@nestjs/common';
import { QueueModule, QueueName } from '@schakel/platform';
import { ReferralsModule } from '@schakel/referrals';
import { HandoffEventsResolver } from './graphql/handoff-events.resolver';
import { FollowUpsModule } from './follow-ups.module';
import { NormLoaders } from './graphql/norm.loaders';
import { NotificationsResolver } from './graphql/notifications.resolver';
import { OrganisationNormsResolver } from './graphql/organisation-norms.resolver';
import { PubSubCloser, pubSubProvider } from './graphql/pub-sub';
import { WebhooksResolver } from './graphql/webhooks.resolver';

/** The API side: notifications and handoff events (live subscriptions), webhook management and organisations' response norms. */
@Module({
  imports: [FollowUpsModule, ReferralsModule, QueueModule.register(QueueName.System, QueueName.ActionLists)],
  providers: [pubSubProvider, PubSubCloser, NotificationsResolver, WebhooksResolver, HandoffEventsResolver, NormLoaders, OrganisationNormsResolver],
})
export class FollowUpsApiModule {}

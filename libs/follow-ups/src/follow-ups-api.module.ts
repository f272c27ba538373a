import { Module } from '@nestjs/common';
import { QueueModule, QueueName } from '@schakel/platform';
import { ReferralsModule } from '@schakel/referrals';
import { HandoffEventsResolver } from './graphql/handoff-events.resolver';
import { FollowUpsModule } from './follow-ups.module';
import { NotificationsResolver } from './graphql/notifications.resolver';
import { PubSubCloser, pubSubProvider } from './graphql/pub-sub';
import { WebhooksResolver } from './graphql/webhooks.resolver';

/** The API side: notifications and handoff events (live subscriptions) and webhook management. */
@Module({
  imports: [FollowUpsModule, ReferralsModule, QueueModule.register(QueueName.System)],
  providers: [pubSubProvider, PubSubCloser, NotificationsResolver, WebhooksResolver, HandoffEventsResolver],
})
export class FollowUpsApiModule {}

import { Module } from '@nestjs/common';
import { QueueModule, QueueName } from '@schakel/platform';
import { FollowUpsModule } from './follow-ups.module';
import { NotificationsResolver } from './graphql/notifications.resolver';
import { PubSubCloser, pubSubProvider } from './graphql/pub-sub';
import { WebhooksResolver } from './graphql/webhooks.resolver';

/** The API side: notifications (with live subscription) and webhook management. */
@Module({
  imports: [FollowUpsModule, QueueModule.register(QueueName.System)],
  providers: [pubSubProvider, PubSubCloser, NotificationsResolver, WebhooksResolver],
})
export class FollowUpsApiModule {}

import { Module } from '@nestjs/common';
import { FollowUpsModule } from './follow-ups.module';
import { FollowUpsProcessor } from './jobs/follow-ups.processor';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { OutboxRelay } from './outbox/outbox-relay.service';

/** The worker side: the outbox relay and the processors. */
@Module({
  imports: [FollowUpsModule],
  providers: [OutboxRelay, FollowUpsProcessor, WebhooksProcessor],
  exports: [OutboxRelay],
})
export class FollowUpsJobsModule {}

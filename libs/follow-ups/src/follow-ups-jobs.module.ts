import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { FollowUpsModule } from './follow-ups.module';
import { FollowUpsProcessor } from './jobs/follow-ups.processor';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxStore } from './outbox/outbox.store';
import { FollowUpsSweep } from './recovery/follow-ups-sweep.service';
import { RetentionService } from './retention/retention.service';

/** The worker side: the outbox relay, the processors, the sweep that rebuilds lost queue work and the retention job. */
@Module({
  imports: [FollowUpsModule, OrganisationsModule],
  providers: [OutboxStore, OutboxRelay, FollowUpsProcessor, WebhooksProcessor, FollowUpsSweep, RetentionService],
  exports: [OutboxStore, OutboxRelay, FollowUpsSweep, RetentionService],
})
export class FollowUpsJobsModule {}

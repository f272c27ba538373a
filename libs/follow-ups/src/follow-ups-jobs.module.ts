import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { FollowUpsModule } from './follow-ups.module';
import { FollowUpBatch } from './jobs/follow-up-batch';
import { FollowUpsProcessor } from './jobs/follow-ups.processor';
import { RequestedDeadlines } from './jobs/requested-deadlines';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxStore } from './outbox/outbox.store';
import { FollowUpsSweep } from './recovery/follow-ups-sweep.service';
import { RetentionService } from './retention/retention.service';

/** The worker side: the outbox relay, the processors, the sweep that rebuilds lost queue work and the retention job. */
@Module({
  imports: [FollowUpsModule, OrganisationsModule],
  providers: [OutboxStore, OutboxRelay, RequestedDeadlines, FollowUpBatch, FollowUpsProcessor, WebhooksProcessor, FollowUpsSweep, RetentionService],
  exports: [OutboxStore, OutboxRelay, FollowUpsSweep, RetentionService],
})
export class FollowUpsJobsModule {}

import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { FollowUpsModule } from './follow-ups.module';
import { FollowUpsProcessor } from './jobs/follow-ups.processor';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { OutboxRelay } from './outbox/outbox-relay.service';
import { OutboxStore } from './outbox/outbox.store';
import { FollowUpsSweep } from './recovery/follow-ups-sweep.service';

/** The worker side: the outbox relay, the processors and the sweep that rebuilds lost queue work. */
@Module({
  imports: [FollowUpsModule, OrganisationsModule],
  providers: [OutboxStore, OutboxRelay, FollowUpsProcessor, WebhooksProcessor, FollowUpsSweep],
  exports: [OutboxStore, OutboxRelay, FollowUpsSweep],
})
export class FollowUpsJobsModule {}

import { Module } from '@nestjs/common';
import { OrganisationsModule } from '@schakel/organisations';
import { LiveFollowUp } from './jobs/live-follow-up';
import { LiveHandoffsSweep } from './jobs/live-handoffs-sweep';
import { LiveHandoffsModule } from './live-handoffs.module';

/** The worker side: the sweep that announces new live requests and lets expired ones fall back. */
@Module({
  imports: [LiveHandoffsModule, OrganisationsModule],
  providers: [LiveFollowUp, LiveHandoffsSweep],
  exports: [LiveFollowUp, LiveHandoffsSweep],
})
export class LiveHandoffsJobsModule {}

import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@schakel/follow-ups';
import { OrganisationsModule } from '@schakel/organisations';
import { ReferralsModule } from '@schakel/referrals';
import { LiveEvents } from './live-events';
import { LiveHandoffsService } from './live-handoffs.service';

/** Live warm handoffs: on-duty behandelaars, a live request picked up by the first, the fallback to the ACUUT norm: the rules, shared by the API and the worker. */
@Module({
  imports: [OrganisationsModule, ReferralsModule, FollowUpsModule],
  providers: [LiveEvents, LiveHandoffsService],
  exports: [LiveEvents, LiveHandoffsService, FollowUpsModule],
})
export class LiveHandoffsModule {}

import { Module } from '@nestjs/common';
import { FollowUpsModule } from '@schakel/follow-ups';
import { OrganisationsModule } from '@schakel/organisations';
import { DoorsService } from './doors.service';
import { HsdsExportService } from './hsds/hsds-export.service';
import { DoorStatsService } from './stats/door-stats.service';

/** Sociale kaart (doors with topics, service area, reach, checklist, norm; HSDS 3.0 export; ranking) and callbacks booked at the desk (capacity slots, bookings, afsprakenbriefje): the rules, shared by the API and the worker. */
@Module({
  imports: [
    FollowUpsModule,
    OrganisationsModule,
  ],
  providers: [
    DoorsService,
    DoorStatsService,
    HsdsExportService,
  ],
  exports: [
    DoorsService,
    DoorStatsService,
    HsdsExportService,
  ],
})
export class DoorsModule {}

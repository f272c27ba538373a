import { Module } from '@nestjs/common';
import { DoorsModule } from './doors.module';
import { DoorStatsScan } from './stats/door-stats.scan';

/** The worker side of this lib: the measured-speed pass of the sociale kaart. */
@Module({
  imports: [DoorsModule],
  providers: [
    DoorStatsScan,
  ],
  exports: [
    DoorStatsScan,
  ],
})
export class DoorsJobsModule {}

import { Module } from '@nestjs/common';
import { DoorsModule } from './doors.module';

/** The worker side of this lib. */
@Module({ imports: [DoorsModule] })
export class DoorsJobsModule {}

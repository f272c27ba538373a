import { Module } from '@nestjs/common';
import { LiveHandoffsModule } from './live-handoffs.module';

/** The worker side of this lib. */
@Module({ imports: [LiveHandoffsModule] })
export class LiveHandoffsJobsModule {}

import { Module } from '@nestjs/common';
import { LiveHandoffsModule } from './live-handoffs.module';

/** The GraphQL (and HTTP) edge of this lib (api only). */
@Module({ imports: [LiveHandoffsModule] })
export class LiveHandoffsApiModule {}

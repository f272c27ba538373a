import { Module } from '@nestjs/common';
import { DoorsModule } from './doors.module';

/** The GraphQL (and HTTP) edge of this lib (api only). */
@Module({ imports: [DoorsModule] })
export class DoorsApiModule {}

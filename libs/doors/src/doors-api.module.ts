import { Module } from '@nestjs/common';
import { CallbacksApiModule } from './callbacks/callbacks-api.module';
import { DoorsModule } from './doors.module';
import { DoorsResolver } from './graphql/doors.resolver';
import { HsdsController } from './hsds/hsds.controller';

/** The GraphQL (and HTTP) edge of this lib (api only). */
@Module({
  imports: [DoorsModule, CallbacksApiModule],
  controllers: [
    HsdsController,
  ],
  providers: [
    DoorsResolver,
  ],
})
export class DoorsApiModule {}

import { Module } from '@nestjs/common';
import { CallbacksResolver } from './graphql/callbacks.resolver';
import { CallbacksModule } from './callbacks.module';

/** The GraphQL edge of callbacks (api only). */
@Module({ imports: [CallbacksModule], providers: [CallbacksResolver] })
export class CallbacksApiModule {}

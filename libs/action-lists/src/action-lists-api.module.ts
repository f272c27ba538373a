import { Module } from '@nestjs/common';
import { ActionListsModule } from './action-lists.module';
import { ActionListsResolver, SigningKeysResolver, TransparencyResolver } from './graphql/action-lists.resolver';

/** The GraphQL edge of joint action lists (api only). */
@Module({
  imports: [ActionListsModule],
  providers: [ActionListsResolver, SigningKeysResolver, TransparencyResolver],
})
export class ActionListsApiModule {}

import { Module } from '@nestjs/common';
import { ActionListsModule } from './action-lists.module';
import { ActionListsResolver, SigningKeysResolver, TransparencyResolver } from './graphql/action-lists.resolver';
import { ActionListPdfModule } from './pdf/action-list-pdf.module';

/** The GraphQL edge of joint action lists (api only). */
@Module({
  imports: [ActionListsModule, ActionListPdfModule],
  providers: [ActionListsResolver, SigningKeysResolver, TransparencyResolver],
})
export class ActionListsApiModule {}

import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './graphql/organisations.resolver';
import { DevTokenController } from './http/dev-token.controller';
import { TokenController } from './http/token.controller';
import { OrganisationsModule } from './organisations.module';

/** The API edge of this library: GraphQL resolvers and the development token route. */
@Module({
  imports: [OrganisationsModule],
  providers: [OrganisationsResolver],
  controllers: [DevTokenController, TokenController],
  exports: [OrganisationsModule],
})
export class OrganisationsApiModule {}

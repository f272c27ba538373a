import { Module } from '@nestjs/common';
import { OrganisationsResolver } from './graphql/organisations.resolver';
import { AuthConfigController } from './http/auth-config.controller';
import { DevTokenController } from './http/dev-token.controller';
import { TokenController } from './http/token.controller';
import { TokenEndpointService } from './machine-clients/token-endpoint.service';
import { TokenLimitsService } from './machine-clients/token-limits.service';
import { OrganisationsModule } from './organisations.module';
import { SignInService } from './sign-in/sign-in.service';

/** The API edge of this library: GraphQL resolvers, the token routes and the web app's sign-in routes. */
@Module({
  imports: [OrganisationsModule],
  providers: [OrganisationsResolver, SignInService, TokenEndpointService, TokenLimitsService],
  controllers: [DevTokenController, TokenController, AuthConfigController],
  exports: [OrganisationsModule],
})
export class OrganisationsApiModule {}

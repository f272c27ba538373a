import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import { ORGANISATION_ENTITIES, OrganisationsApiModule } from '@schakel/organisations';
import { ReferralsApiModule } from '@schakel/referrals';
import {
  APP_CONFIG,
  type AppConfig,
  AuthGuard,
  AuthModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  ProblemDetailsFilter,
  RedisModule,
  createValidationPipe,
} from '@schakel/platform';
import { graphqlOptions } from './graphql.options';
import { HealthController } from './health/health.controller';

@Module({
  imports: [
    ConfigModule,
    LoggingModule,
    DatabaseModule.forRoot({ entities: [...ORGANISATION_ENTITIES], applicationName: 'schakel-api' }),
    RedisModule,
    AuthModule,
    HealthModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => graphqlOptions(config),
    }),
    OrganisationsApiModule,
    ReferralsApiModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}

import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Module } from '@nestjs/common';
import { BundlesApiModule } from '@schakel/bundles';
import { DoorsApiModule } from '@schakel/doors';
import { LiveHandoffsApiModule } from '@schakel/live-handoffs';
import { APP_FILTER, APP_GUARD, APP_PIPE, ModuleRef } from '@nestjs/core';
import { GraphQLModule, GraphQLSchemaHost } from '@nestjs/graphql';
import { ActionListsApiModule } from '@schakel/action-lists';
import { ReportingApiModule } from '@schakel/reporting';
import { FollowUpsApiModule } from '@schakel/follow-ups';
import { ORGANISATION_ENTITIES, OrganisationsApiModule, OrganisationsModule } from '@schakel/organisations';
import { ReferralsApiModule } from '@schakel/referrals';
import {
  ActorResolver,
  APP_CONFIG,
  type AppConfig,
  AuthGuard,
  AuthModule,
  ConfigModule,
  DatabaseModule,
  HealthModule,
  LoggingModule,
  ProblemDetailsFilter,
  QueueModule,
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
      imports: [OrganisationsModule],
      inject: [APP_CONFIG, ActorResolver, ModuleRef],
      // graphql-ws checks documents against the running schema, known once the module is built.
      useFactory: (config: AppConfig, actors: ActorResolver, modules: ModuleRef) =>
        graphqlOptions(config, actors, () => modules.get(GraphQLSchemaHost, { strict: false }).schema),
    }),
    QueueModule.forRoot(),
    OrganisationsApiModule,
    ReferralsApiModule,
    FollowUpsApiModule,
    ActionListsApiModule,
    ReportingApiModule,
    DoorsApiModule,
    LiveHandoffsApiModule,
    BundlesApiModule,
  ],
  controllers: [HealthController],
  providers: [
    { provide: APP_GUARD, useClass: AuthGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
    { provide: APP_PIPE, useFactory: createValidationPipe },
  ],
})
export class AppModule {}

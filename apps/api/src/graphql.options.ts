import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { type AppConfig, formatGraphqlError } from '@schakel/platform';

const logger = new Logger('GraphQL');

/** Apollo at /graphql, schema generated from the code (the committed copy is schema.graphql). */
export function graphqlOptions(config: AppConfig): ApolloDriverConfig {
  const production = config.NODE_ENV === 'production';
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    playground: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // We send Cache-Control: no-store ourselves; Apollo's cache-control bookkeeping is wasted work.
    plugins: [ApolloServerPluginCacheControlDisabled()],
    context: ({ req, res }: { req: unknown; res: unknown }) => ({ req, res }),
    formatError: (formatted, error) =>
      formatGraphqlError(formatted, error, {
        exposeDetails: !production,
        onInternalError: (e) => logger.error(e instanceof Error ? e.stack ?? e.message : String(e)),
      }),
  };
}

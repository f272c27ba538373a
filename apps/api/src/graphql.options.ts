import { randomUUID } from 'node:crypto';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import { Logger } from '@nestjs/common';
import { type Actor, type ActorResolver, type AppConfig, formatGraphqlError } from '@schakel/platform';

const logger = new Logger('GraphQL');

import type { Context as WsContext } from 'graphql-ws';

/** What a graphql-ws connection keeps once its connection_init was authenticated. */
interface ConnectionExtra {
  actor?: Actor;
}

function bearerFrom(params: Record<string, unknown> | undefined): string | null {
  const raw = params?.Authorization ?? params?.authorization;
  const match = typeof raw === 'string' ? /^Bearer\s+(\S+)$/i.exec(raw.trim()) : null;
  return match ? match[1] : null;
}

/**
 * Apollo at /graphql (HTTP and graphql-ws on the same path). The schema is generated from the
 * code; the committed copy is schema.graphql.
 */
export function graphqlOptions(config: AppConfig, actors: ActorResolver): ApolloDriverConfig {
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
    subscriptions: {
      'graphql-ws': {
        path: '/graphql',
        // The same tokens as over HTTP, sent once in connection_init: {"Authorization": "Bearer …"}.
        onConnect: async (context: WsContext<Record<string, unknown> | undefined, unknown>) => {
          const token = bearerFrom(context.connectionParams);
          if (!token) return false;
          try {
            (context.extra as ConnectionExtra).actor = await actors.resolve(token);
            return true;
          } catch {
            return false;
          }
        },
      },
    },
    context: (ctx: { req?: unknown; res?: unknown; extra?: ConnectionExtra }) =>
      ctx.extra ? { req: { actor: ctx.extra.actor, headers: {}, id: randomUUID() } } : { req: ctx.req, res: ctx.res },
    formatError: (formatted, error) =>
      formatGraphqlError(formatted, error, {
        exposeDetails: !production,
        onInternalError: (e) => logger.error(e instanceof Error ? e.stack ?? e.message : String(e)),
      }),
  };
}

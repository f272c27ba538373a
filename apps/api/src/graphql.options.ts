import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError, GraphQLSchema } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { Logger } from '@nestjs/common';
import { type ActorResolver, type AppConfig, formatGraphqlError } from '@schakel/platform';
import type { ServerOptions, Context as WsContext } from 'graphql-ws';
import { checkDocument, documentRules } from './graphql-limits';
import { type ConnectionExtra, LiveConnections } from './live-connections';

const logger = new Logger('GraphQL');

interface GraphqlContext {
  req?: { id?: unknown };
}

/**
 * Log lines are not bound to their request (LoggingModule: no AsyncLocalStorage), so the errors
 * of each operation are tagged with its request id here, and an internal error's log line names
 * it: a caller who reports an X-Request-Id can be found in the logs. Apollo hands the same error
 * objects to didEncounterErrors and then to formatError.
 */
export function requestIdTagging(): { plugin: ApolloServerPlugin<GraphqlContext>; requestIdOf(error: unknown): string | undefined } {
  const ids = new WeakMap<object, string>();
  return {
    plugin: {
      async requestDidStart({ contextValue }) {
        const id = contextValue.req?.id;
        if (typeof id !== 'string') return undefined;
        return {
          async didEncounterErrors({ errors }) {
            for (const error of errors) ids.set(error, id);
          },
        };
      },
    },
    requestIdOf: (error) => (typeof error === 'object' && error !== null ? ids.get(error) : undefined),
  };
}

function bearerFrom(params: Record<string, unknown> | undefined): string | null {
  const raw = params?.Authorization ?? params?.authorization;
  const match = typeof raw === 'string' ? /^Bearer\s+(\S+)$/i.exec(raw.trim()) : null;
  return match ? match[1] : null;
}

type WsServerContext = WsContext<Record<string, unknown> | undefined, unknown>;

/**
 * Apollo at /graphql (HTTP and graphql-ws on the same path). The schema is generated from the
 * code; the committed copy is schema.graphql. Both transports meet the same document rules
 * (documentRules), the same guard (scopes, rate limit) and the same error formatting; over the
 * socket the caller is re-checked before every operation (LiveConnections).
 *
 * `schema` gives the running schema (GraphQLSchemaHost), needed by graphql-ws's onSubscribe.
 */
export function graphqlOptions(config: AppConfig, actors: ActorResolver, schema: () => GraphQLSchema): ApolloDriverConfig {
  const production = config.NODE_ENV === 'production';
  const rules = documentRules(production);
  const live = new LiveConnections(actors);
  const tagging = requestIdTagging();
  const formatOptions = (original: unknown) => ({
    exposeDetails: !production,
    // Logged as an error object so pino's serializer keeps the SQLSTATE and constraint name (the
    // formatter hands over an already sanitized error: no values), with the request's id.
    onInternalError: (e: unknown) => {
      const reqId = tagging.requestIdOf(original);
      logger.error(reqId ? { err: e, reqId } : e instanceof Error ? e : String(e));
    },
  });
  const format = (error: GraphQLError): GraphQLFormattedError => formatGraphqlError(error.toJSON(), error, formatOptions(error));
  // Nest passes these on to graphql-ws's useServer; its type lists only some of them.
  const wsOptions: GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onError' | 'onNext' | 'onSubscribe'> = {
    path: '/graphql',
    // The same tokens as over HTTP, sent once in connection_init: {"Authorization": "Bearer …"}.
    onConnect: async (context: WsServerContext) => {
      const token = bearerFrom(context.connectionParams);
      return token ? live.open(context.extra as ConnectionExtra, token, context.subscriptions) : false;
    },
    // Every operation: the caller again (revoked or deactivated meanwhile?), then the document
    // under the same rules as over HTTP. Errors come back as an `error` message, formatted below.
    onSubscribe: async (context, _id, payload) => {
      const refused = await live.recheck(context.extra as ConnectionExtra);
      if (refused) return refused;
      const current = schema();
      const checked = checkDocument(rules, current, payload);
      if ('errors' in checked) return checked.errors;
      return { schema: current, document: checked.document, operationName: payload.operationName, variableValues: payload.variables };
    },
    // Errors over the socket get the same codes and bilingual messages as over HTTP.
    onError: (_ctx, _id, _payload, errors) => errors.map(format),
    onNext: (_ctx, _id, _payload, _args, result) =>
      result.errors ? { ...result, errors: result.errors.map(format) } : undefined,
  };
  return {
    path: '/graphql',
    autoSchemaFile: true,
    sortSchema: true,
    introspection: !production,
    playground: false,
    includeStacktraceInErrorResponses: false,
    allowBatchedHttpRequests: false,
    // We send Cache-Control: no-store ourselves; Apollo's cache-control bookkeeping is wasted work.
    // No landing page: it would load scripts from a CDN, which the strict CSP forbids anyway.
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), tagging.plugin, ...rules.plugins],
    validationRules: rules.validationRules,
    parseOptions: rules.parseOptions,
    subscriptions: { 'graphql-ws': wsOptions },
    context: (ctx: { req?: unknown; res?: unknown; extra?: ConnectionExtra }) =>
      ctx.extra ? { req: { actor: ctx.extra.actor, headers: {}, id: randomUUID() } } : { req: ctx.req, res: ctx.res },
    formatError: (formatted, error) => formatGraphqlError(formatted, error, formatOptions(error)),
  };
}

import { randomUUID } from 'node:crypto';
import type { GraphQLError, GraphQLFormattedError } from 'graphql';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { ApolloDriverConfig } from '@nestjs/apollo';
import type { GraphQLWsSubscriptionsConfig } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Logger } from '@nestjs/common';
import { type Actor, type ActorResolver, type AppConfig, formatGraphqlError } from '@schakel/platform';

const logger = new Logger('GraphQL');

import type { ServerOptions, Context as WsContext } from 'graphql-ws';

/** What a graphql-ws connection keeps once its connection_init was authenticated. */
interface ConnectionExtra {
  actor?: Actor;
  socket?: { close(code: number, reason: string): void; once(event: 'close', listener: () => void): void };
}

/**
 * Limits against abusive documents (docs/api.md lists them for partners). Errors do not reveal
 * the limits. Legitimate Schakel queries stay well inside them: the deepest is about 7.
 */
export const QUERY_LIMITS = { maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxTokens: 2000, maxCost: 10000 } as const;

function armor(production: boolean) {
  return new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: false },
    // The token limit is graphql-js's own (parseOptions below): armor's runs in a plugin hook,
    // where Apollo answers a refusal with HTTP 500 instead of 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
}

/** How often a live connection's token is checked again (a revoked client or employee). */
const RECHECK_EVERY_MS = 60_000;

/**
 * Watches a live connection: closed with 4401 when its token expires, and with 4403 when its
 * client or employee was revoked or deactivated meanwhile (found within a minute).
 */
function watchConnection(extra: ConnectionExtra, token: string, actors: ActorResolver): void {
  if (!extra.socket) return;
  const socket = extra.socket;
  const recheck = setInterval(() => {
    actors.resolve(token).catch(() => socket.close(4403, 'Forbidden'));
  }, RECHECK_EVERY_MS);
  recheck.unref();
  socket.once('close', () => clearInterval(recheck));
  closeAtExpiry(extra, extra.actor?.tokenExpiresAt);
}

/** Closes a live connection when its token expires: a subscriber must reconnect with a new one. */
function closeAtExpiry(extra: ConnectionExtra, expiresAt: number | undefined): void {
  if (!expiresAt || !extra.socket) return;
  const socket = extra.socket;
  const timer = setTimeout(() => socket.close(4401, 'Token expired'), Math.max(0, expiresAt * 1000 - Date.now()));
  timer.unref();
  socket.once('close', () => clearTimeout(timer));
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
  const protection = armor(production);
  const formatOptions = {
    exposeDetails: !production,
    onInternalError: (e: unknown) => logger.error(e instanceof Error ? e.stack ?? e.message : String(e)),
  };
  const format = (error: GraphQLError): GraphQLFormattedError => formatGraphqlError(error.toJSON(), error, formatOptions);
  // Nest passes these on to graphql-ws's useServer; its type lists only some of them.
  const wsOptions: GraphQLWsSubscriptionsConfig & Pick<ServerOptions, 'onError' | 'onNext'> = {
    path: '/graphql',
    // The same tokens as over HTTP, sent once in connection_init: {"Authorization": "Bearer …"}.
    onConnect: async (context: WsContext<Record<string, unknown> | undefined, unknown>) => {
      const token = bearerFrom(context.connectionParams);
      if (!token) return false;
      try {
        const extra = context.extra as ConnectionExtra;
        extra.actor = await actors.resolve(token);
        watchConnection(extra, token, actors);
        return true;
      } catch {
        return false;
      }
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
    plugins: [ApolloServerPluginCacheControlDisabled(), ApolloServerPluginLandingPageDisabled(), ...protection.plugins],
    validationRules: protection.validationRules,
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    subscriptions: { 'graphql-ws': wsOptions },
    context: (ctx: { req?: unknown; res?: unknown; extra?: ConnectionExtra }) =>
      ctx.extra ? { req: { actor: ctx.extra.actor, headers: {}, id: randomUUID() } } : { req: ctx.req, res: ctx.res },
    formatError: (formatted, error) => formatGraphqlError(formatted, error, formatOptions),
  };
}

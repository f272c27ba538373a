import { ApolloClient, ApolloLink, CombinedGraphQLErrors, HttpLink, InMemoryCache, ServerError } from '@apollo/client';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { OperationTypeNode } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import { tokenStore } from '../auth/token-store';

/** graphql-ws close codes that mean "your token is no longer good". */
const TOKEN_CLOSE_CODES = new Set([4401, 4403]);

function socketUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss' : 'ws'}://${host}/graphql`;
}

export interface SchakelClient {
  apollo: ApolloClient;
  ws: Client;
}

/**
 * One Apollo client for the app. HTTP requests carry the in-memory token; the socket sends it
 * in connection_init and, after an expiry, waits for the next sign-in before it reconnects, so
 * live lists and meldingen resume without a reload.
 */
export function createSchakelClient(): SchakelClient {
  const ws = createClient({
    url: socketUrl(),
    lazy: true,
    connectionParams: async () => ({ Authorization: `Bearer ${await tokenStore.waitForToken()}` }),
    retryAttempts: Number.POSITIVE_INFINITY,
    shouldRetry: () => true,
    on: {
      closed: (event) => {
        const code = (event as { code?: number }).code;
        if (code !== undefined && TOKEN_CLOSE_CODES.has(code)) tokenStore.markExpired();
      },
    },
  });

  const auth = new ApolloLink((operation, forward) => {
    const token = tokenStore.token();
    operation.setContext(({ headers = {} }: { headers?: Record<string, string> }) => ({
      headers: token ? { ...headers, Authorization: `Bearer ${token}` } : headers,
    }));
    return forward(operation);
  });

  const expiry = new ErrorLink(({ error }) => {
    const unauthenticated =
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => e.extensions?.code === 'UNAUTHENTICATED')) ||
      (ServerError.is(error) && error.statusCode === 401);
    if (unauthenticated) tokenStore.markExpired();
  });

  const http = new HttpLink({ uri: '/graphql' });
  const link = ApolloLink.split(
    ({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION,
    new GraphQLWsLink(ws),
    ApolloLink.from([expiry, auth, http]),
  );

  const apollo = new ApolloClient({
    link,
    cache: new InMemoryCache({
      typePolicies: {
        // Lists are fetched per filter and page; replace, do not merge.
        Query: { fields: { handoffs: { keyArgs: ['direction', 'status', 'overdue', 'after', 'first'] } } },
      },
    }),
    defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network' } },
  });
  return { apollo, ws };
}

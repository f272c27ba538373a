import { Logger } from '@nestjs/common';
import { type ActorResolver, loadConfig } from '@schakel/platform';
import { GraphQLError, type GraphQLFormattedError, type GraphQLSchema } from 'graphql';
import { graphqlOptions, requestIdTagging } from './graphql.options';

type Listener = { didEncounterErrors?: (context: { errors: readonly GraphQLError[] }) => Promise<void> };
type Plugin = { requestDidStart?: (context: { contextValue: { req?: { id?: unknown } } }) => Promise<Listener | undefined> };

/** Runs a request through the plugins' didEncounterErrors, as Apollo does before formatting. */
async function encounter(plugins: unknown[], requestId: string | undefined, errors: GraphQLError[]): Promise<void> {
  for (const plugin of plugins as Plugin[]) {
    const listener = await plugin.requestDidStart?.({ contextValue: { req: requestId ? { id: requestId } : {} } });
    await listener?.didEncounterErrors?.({ errors });
  }
}

describe('request ids on internal errors (no AsyncLocalStorage binds log lines to requests)', () => {
  afterEach(() => jest.restoreAllMocks());

  it("tags each operation's errors with its own request id, and nothing else", async () => {
    const tagging = requestIdTagging();
    const [a, b, untouched] = [new GraphQLError('a'), new GraphQLError('b'), new GraphQLError('c')];
    await encounter([tagging.plugin], 'request-aaaaaaaa', [a]);
    await encounter([tagging.plugin], 'request-bbbbbbbb', [b]);
    await encounter([tagging.plugin], undefined, [untouched]);
    expect([tagging.requestIdOf(a), tagging.requestIdOf(b), tagging.requestIdOf(untouched), tagging.requestIdOf(null)]).toEqual(['request-aaaaaaaa', 'request-bbbbbbbb', undefined, undefined]);
  });

  it("logs an internal error with the X-Request-Id of the request it happened in, and answers without detail", async () => {
    const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
    const options = graphqlOptions(loadConfig({}), {} as ActorResolver, () => ({}) as GraphQLSchema);
    const error = new GraphQLError('boom', { originalError: new Error('connection to the database went away') });
    await encounter(options.plugins ?? [], 'caller-request-1234', [error]);
    const formatted = options.formatError!(error.toJSON(), error) as GraphQLFormattedError;
    expect(formatted.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
    expect(JSON.stringify(formatted)).not.toContain('database');
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ reqId: 'caller-request-1234', err: expect.any(Error) }));
  });
});

import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { formatGraphqlError } from './graphql-error-formatter';

/** The shapes node-postgres and TypeORM give a resolver when the database connection goes away. */
const pgError = (message: string, code?: string) => Object.assign(new Error(message), code ? { code } : {});
const failedQuery = (driverError: Error) => new QueryFailedError('SELECT 1', [], driverError);

const format = (thrown: Error) => {
  const onInternalError = jest.fn();
  const original = new GraphQLError(thrown.message, { originalError: thrown });
  return { out: formatGraphqlError(original.toJSON(), original, { exposeDetails: false, onInternalError }), onInternalError };
};

describe('a lost database connection in a GraphQL answer', () => {
  it.each([
    ['57P01 admin_shutdown (pg_terminate_backend)', failedQuery(pgError('terminating connection due to administrator command', '57P01'))],
    ['08006 connection_failure', failedQuery(pgError('connection failure', '08006'))],
    ['ECONNRESET', pgError('read ECONNRESET', 'ECONNRESET')],
    ['ECONNREFUSED (database down)', pgError('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED')],
    ['Connection terminated unexpectedly', failedQuery(pgError('Connection terminated unexpectedly'))],
    ['pool connect timeout', pgError('timeout exceeded when trying to connect')],
    ['53300 too_many_connections', pgError('sorry, too many clients already', '53300')],
    ['database closed for connections (55000)', pgError('database "schakel" is not currently accepting connections', '55000')],
    ['wrapped as cause', Object.assign(new Error('tenant transaction failed'), { cause: pgError('Connection terminated') })],
  ])('is a retryable SERVICE_UNAVAILABLE: %s', (_name, thrown) => {
    const { out, onInternalError } = format(thrown);
    expect(out.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    expect(out.message).toMatch(/probeer het .* opnieuw/);
    expect(out.message).not.toMatch(/terminat|ECONN|5432/);
    expect(onInternalError).not.toHaveBeenCalled();
  });

  it('leaves a statement error an internal error', () => {
    const { out, onInternalError } = format(failedQuery(pgError('syntax error at or near "SELEC"', '42601')));
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(onInternalError).toHaveBeenCalled();
  });
});

import { GraphQLError } from 'graphql';
import { QueryFailedError } from 'typeorm';
import { AppError } from './app-error';
import { formatGraphqlError } from './graphql-error-formatter';

const asFormatted = (e: GraphQLError) => e.toJSON();

describe('formatGraphqlError', () => {
  it('keeps the code and both messages of an AppError', () => {
    const original = new GraphQLError('x', { originalError: AppError.badInput({ nl: 'Fout', en: 'Wrong' }, { field: 'bsn' }) });
    const out = formatGraphqlError(asFormatted(original), original, { exposeDetails: false });
    expect(out.message).toBe('Fout / Wrong');
    expect(out.extensions).toEqual({ code: 'BAD_USER_INPUT', message_nl: 'Fout', message_en: 'Wrong', details: { field: 'bsn' } });
  });

  it('hides unexpected errors (SQL, stack traces) behind INTERNAL_SERVER_ERROR', () => {
    const onInternalError = jest.fn();
    const sqlError = new Error('duplicate key value violates unique constraint "employees_username_unique"');
    const original = new GraphQLError(sqlError.message, { originalError: sqlError, extensions: { stacktrace: ['at x'] } });
    const out = formatGraphqlError(asFormatted(original), original, { exposeDetails: true, onInternalError });
    expect(out.extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR' });
    expect(out.message).not.toContain('duplicate');
    const logged = onInternalError.mock.calls[0][0] as Error;
    expect(logged.message).toBe('duplicate key value violates unique constraint "…"');
    expect(logged.stack).toMatch(/^Error: duplicate key/);
  });

  it('hands onInternalError a failed statement without its parameters, query or driver detail', () => {
    const onInternalError = jest.fn();
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "Fatima de Vries"'), {
      code: '22P02', severity: 'ERROR', detail: 'Failing row contains (Fatima de Vries, 06-12345678).', routine: 'string_to_uuid',
    });
    const queryFailed = new QueryFailedError('INSERT INTO citizens (name, phone) VALUES ($1, $2)', ['Fatima de Vries', '06-12345678'], driverError);
    const original = new GraphQLError(queryFailed.message, { originalError: queryFailed });
    formatGraphqlError(asFormatted(original), original, { exposeDetails: true, onInternalError });
    const logged = onInternalError.mock.calls[0][0] as Error;
    const text = JSON.stringify({ ...logged, message: logged.message, stack: logged.stack });
    expect(text).toContain('22P02');
    expect(text).not.toMatch(/Fatima|06-12345678|INSERT INTO/);
  });

  it('never echoes the value of a rejected variable (it may hold a BSN)', () => {
    const message = 'Variable "$input" got invalid value { citizen: { bsn: "111222333", name: "X; Y" } } at "input.citizen"; Field "toOrganisationId" of required type "ID!" was not provided.';
    const original = new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT' } });
    const out = formatGraphqlError(asFormatted(original), original, { exposeDetails: false });
    expect(out.message).toBe('Variable "$input" got an invalid value at "input.citizen": Field "toOrganisationId" of required type "ID!" was not provided.');
    expect(out.message).not.toContain('111222333');
  });

  it.each([
    ['Variable "$input" got invalid value 111222333 at "input.citizen.bsn"; String cannot represent a non string value: 111222333'],
    ['String cannot represent a non string value: 111222333'],
    ['Expected value of type "String!", found 111222333.'],
  ])('drops a scalar value from the reason: %s', (message) => {
    const original = new GraphQLError(message, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatGraphqlError(asFormatted(original), original, { exposeDetails: false }).message).not.toContain('111222333');
  });

  it('maps document validation errors to BAD_USER_INPUT', () => {
    const original = new GraphQLError('Cannot query field "mee"', { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(formatGraphqlError(asFormatted(original), original, { exposeDetails: false }).extensions).toEqual({ code: 'BAD_USER_INPUT' });
  });

  it('does not reveal the token limit, however graphql-js spells its message', () => {
    for (const message of ['Syntax Error: Document contains more that 2000 tokens. Parsing aborted.', 'Syntax Error: Document contains more than 2000 tokens.']) {
      const original = new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } });
      const formatted = formatGraphqlError(asFormatted(original), original, { exposeDetails: false });
      expect(formatted.extensions).toEqual({ code: 'BAD_USER_INPUT' });
      expect(formatted.message).not.toMatch(/2000/);
    }
  });
});

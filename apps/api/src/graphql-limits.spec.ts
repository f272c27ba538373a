import { buildSchema, type GraphQLError } from 'graphql';
import { formatGraphqlError } from '@schakel/platform';
import { checkDocument, documentRules, QUERY_LIMITS } from './graphql-limits';

const schema = buildSchema(`
  type Node { id: ID! child: Node }
  type Query { node(id: ID!): Node hello: String }
`);

/** What a client sees over the socket: checkDocument's errors through the shared formatter. */
function refused(request: Parameters<typeof checkDocument>[2], production = true) {
  const checked = checkDocument(documentRules(production), schema, request);
  if (!('errors' in checked)) throw new Error('expected a refusal');
  return checked.errors.map((error: GraphQLError) => formatGraphqlError(error.toJSON(), error, { exposeDetails: false }));
}

describe('checkDocument (graphql-ws)', () => {
  it('accepts a valid document', () => {
    expect(checkDocument(documentRules(true), schema, { query: '{ hello }' })).toHaveProperty('document');
  });

  it('refuses a missing or empty query as bad input', () => {
    expect(refused({})).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
    expect(refused({ query: '' })).toEqual([expect.objectContaining({ extensions: { code: 'BAD_USER_INPUT' } })]);
  });

  it('refuses a document over the token limit without naming the limit', () => {
    const [error] = refused({ query: `{ ${Array.from({ length: QUERY_LIMITS.maxTokens + 10 }, () => 'hello').join(' ')} }` });
    expect(error.extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(error.message).toBe('Het document is te groot. / The document is too large.');
  });

  it('refuses a document over the depth limit without naming the limit', () => {
    const depth = QUERY_LIMITS.maxDepth + 2;
    const query = `{ node(id: "1") { ${'child { '.repeat(depth)}id${' }'.repeat(depth)} } }`;
    const errors = refused({ query });
    expect(errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(errors)).not.toMatch(new RegExp(`\\b${QUERY_LIMITS.maxDepth}\\b`));
  });

  it('refuses variables that do not fit without echoing their value', () => {
    const errors = refused({ query: 'query ($id: ID!) { node(id: $id) { id } }', variables: { id: { bsn: '111222333' } } });
    expect(errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT' });
    expect(JSON.stringify(errors)).not.toContain('111222333');
  });

  it('hides field suggestions in production only', () => {
    expect(JSON.stringify(refused({ query: '{ hell }' }, true))).not.toContain('Did you mean');
    expect(JSON.stringify(refused({ query: '{ hell }' }, false))).toContain('Did you mean');
  });
});

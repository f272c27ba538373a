import type { ApolloServerPlugin } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  type DocumentNode,
  getOperationAST,
  getVariableValues,
  GraphQLError,
  type GraphQLSchema,
  type ParseOptions,
  parse,
  specifiedRules,
  validate,
  type ValidationRule,
} from 'graphql';

/**
 * Limits against abusive documents (docs/api.md lists them for partners). Errors do not reveal
 * the limits. Legitimate Schakel queries stay well inside them: the deepest is about 7.
 */
export const QUERY_LIMITS = { maxDepth: 12, maxAliases: 20, maxDirectives: 20, maxTokens: 2000, maxCost: 10000 } as const;

/**
 * The rules every GraphQL document meets, on every transport: HTTP hands them to Apollo
 * (graphqlOptions), graphql-ws applies them with checkDocument. One definition, so the two
 * cannot drift apart.
 */
export interface DocumentRules {
  /** graphql-js's own token limit: a document over it is a parse error (BAD_USER_INPUT). */
  parseOptions: ParseOptions;
  /** graphql-armor's depth, alias, directive and cost limits, on top of graphql-js's rules. */
  validationRules: ValidationRule[];
  /**
   * Apollo plugins of graphql-armor (field suggestions hidden in production). graphql-js's
   * token-limit message is hidden by formatGraphqlError, which both transports use.
   */
  plugins: ApolloServerPlugin[];
  /** In production "Did you mean …?" is left out, so the schema cannot be guessed from errors. */
  hideFieldSuggestions: boolean;
}

export function documentRules(production: boolean): DocumentRules {
  const protection = new ApolloArmor({
    maxDepth: { n: QUERY_LIMITS.maxDepth, exposeLimits: false, flattenFragments: true },
    maxAliases: { n: QUERY_LIMITS.maxAliases, exposeLimits: false },
    maxDirectives: { n: QUERY_LIMITS.maxDirectives, exposeLimits: false },
    // The token limit is graphql-js's own (parseOptions): armor's runs in a plugin hook, where
    // Apollo answers a refusal with HTTP 500 instead of 400.
    maxTokens: { enabled: false },
    costLimit: { maxCost: QUERY_LIMITS.maxCost, exposeLimits: false },
    blockFieldSuggestion: { enabled: production },
  }).protect();
  return {
    parseOptions: { maxTokens: QUERY_LIMITS.maxTokens },
    validationRules: protection.validationRules,
    plugins: protection.plugins,
    hideFieldSuggestions: production,
  };
}

export interface DocumentRequest {
  query?: unknown;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

/**
 * Parses and validates a document as Apollo does over HTTP, with the same rules: graphql-js's
 * specified rules plus the limits, then coerces its variables. Errors carry Apollo's codes
 * (GRAPHQL_PARSE_FAILED, GRAPHQL_VALIDATION_FAILED, BAD_USER_INPUT) or armor's BAD_USER_INPUT,
 * which formatGraphqlError turns into BAD_USER_INPUT with the same message as over HTTP.
 */
export function checkDocument(rules: DocumentRules, schema: GraphQLSchema, request: DocumentRequest): { document: DocumentNode } | { errors: GraphQLError[] } {
  if (typeof request.query !== 'string' || request.query.length === 0) {
    return { errors: [new GraphQLError('GraphQL operations must contain a non-empty `query`.', { extensions: { code: 'BAD_REQUEST' } })] };
  }
  let document: DocumentNode;
  try {
    document = parse(request.query, rules.parseOptions);
  } catch (error) {
    const message = error instanceof GraphQLError ? error.message : 'Syntax Error';
    return { errors: [new GraphQLError(message, { extensions: { code: 'GRAPHQL_PARSE_FAILED' } })] };
  }
  const found = validate(schema, document, [...specifiedRules, ...rules.validationRules]);
  if (found.length === 0) return variableErrors(schema, document, request) ?? { document };
  return {
    errors: found.map((error) => {
      const code = typeof error.extensions.code === 'string' ? error.extensions.code : 'GRAPHQL_VALIDATION_FAILED';
      const message = rules.hideFieldSuggestions ? error.message.replace(/Did you mean ".+"\??/g, '[Suggestion hidden]').trim() : error.message;
      return new GraphQLError(message, { nodes: error.nodes, extensions: { ...error.extensions, code } });
    }),
  };
}

/** Variables that do not fit their definitions: Apollo answers BAD_USER_INPUT before executing. */
function variableErrors(schema: GraphQLSchema, document: DocumentNode, request: DocumentRequest): { errors: GraphQLError[] } | undefined {
  const operation = getOperationAST(document, request.operationName ?? undefined);
  if (!operation) return undefined; // graphql-ws answers "Unable to identify operation"
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], request.variables ?? {}, { maxErrors: 50 });
  if (!coerced.errors) return undefined;
  return { errors: coerced.errors.map((error) => new GraphQLError(error.message, { nodes: error.nodes, extensions: { code: 'BAD_USER_INPUT' } })) };
}

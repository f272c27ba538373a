import type { GraphQLFormattedError } from 'graphql';
import { sanitizedError } from '../observability/safe-error';
import { AppError, ERROR_CODES, type ErrorCode } from './app-error';
import { connectionLossAsAppError } from './connection-errors';

/** Apollo codes for malformed documents and variables; for a client they all mean "fix your input". */
const CLIENT_INPUT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'PERSISTED_QUERY_NOT_SUPPORTED',
  'OPERATION_RESOLUTION_FAILURE',
]);

const INTERNAL: GraphQLFormattedError['message'] =
  'Er ging aan onze kant iets mis; probeer het later opnieuw. / Something went wrong on our side; try again later.';

interface FormatOptions {
  /** In production nothing but code and message leaves the server. */
  exposeDetails: boolean;
  /** Gets the error sanitized (an Error whose message and stack carry no input values). */
  onInternalError?: (error: Error) => void;
}

function isKnownCode(code: unknown): code is ErrorCode {
  return typeof code === 'string' && (ERROR_CODES as readonly string[]).includes(code);
}

/**
 * Maps whatever a resolver threw onto the closed set of error codes, with a message that says
 * what to fix. Stack traces, SQL and driver messages never reach a client.
 */
export function formatGraphqlError(
  formatted: GraphQLFormattedError,
  original: unknown,
  options: FormatOptions,
): GraphQLFormattedError {
  // A dropped database connection is retryable: SERVICE_UNAVAILABLE, not an internal error.
  const appError = findAppError(original) ?? connectionLossAsAppError(original);
  if (appError) {
    return {
      message: appError.message,
      locations: formatted.locations,
      path: formatted.path,
      extensions: {
        code: appError.code,
        message_nl: appError.text.nl,
        message_en: appError.text.en,
        ...(Object.keys(appError.details).length ? { details: appError.details } : {}),
      },
    };
  }

  const code = formatted.extensions?.code;
  if (typeof code === 'string' && CLIENT_INPUT_CODES.has(code)) {
    return {
      message: withoutEchoedValues(formatted.message),
      locations: formatted.locations,
      path: formatted.path,
      extensions: { code: 'BAD_USER_INPUT', ...(options.exposeDetails ? { reason: code } : {}) },
    };
  }
  if (isKnownCode(code) && code !== 'INTERNAL_SERVER_ERROR') {
    return { message: formatted.message, locations: formatted.locations, path: formatted.path, extensions: { code } };
  }

  // What reaches the log: no bind parameters, query, driver detail or quoted value (safeError).
  options.onInternalError?.(sanitizedError(original));
  return { message: INTERNAL, locations: formatted.locations, path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR' } };
}

/**
 * graphql-js repeats a rejected variable's whole value in its message ("Variable "$input" got
 * invalid value { citizen: { bsn: … } }; …"). That value may hold a BSN or other personal data,
 * so only the variable, the path and the reason are kept.
 */
export function withoutEchoedValues(message: string): string {
  const marker = ' got invalid value ';
  const start = message.indexOf(marker);
  if (!message.startsWith('Variable "$') || start < 0) return withoutLiteralValues(message);
  const reasonAt = message.lastIndexOf('; ');
  if (reasonAt < start) return `${message.slice(0, start)} got an invalid value.`;
  const beforeReason = message.slice(start + marker.length, reasonAt);
  const path = / at "([^"]*)"$/.exec(beforeReason);
  return `${message.slice(0, start)} got an invalid value${path ? ` at "${path[1]}"` : ''}: ${withoutLiteralValues(message.slice(reasonAt + 2))}`;
}

/** Scalar coercion reasons end in the value itself ("… non string value: 111222333"); drop it. */
function withoutLiteralValues(reason: string): string {
  // graphql-js names its token limit; we do not reveal limits.
  if (/Document contains more th(?:an|at|en) \d+ tokens/.test(reason)) return 'Het document is te groot. / The document is too large.';
  return reason
    .replace(/(cannot represent [^:;]*?value): [^;]*/g, '$1.')
    .replace(/(Expected value of type "[^"]+"), found [^;]*/g, '$1.')
    .replace(/\.\.$/, '.');
}

function findAppError(error: unknown): AppError | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current; depth++) {
    if (current instanceof AppError) return current;
    current = (current as { originalError?: unknown }).originalError;
  }
  return undefined;
}

import { AppError } from './app-error';

/** Node socket errors that mean the connection to PostgreSQL (or another service) went away. */
const CONNECTION_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);
/**
 * SQLSTATE: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now, 53300
 * too_many_connections (every slot taken: also gone in a moment); class 08 connection exceptions.
 */
const SQLSTATE = /^(57P0[123]|53300|08[0-9A-Z]{3})$/;
/** What node-postgres and its pool say when they lose or cannot get a connection (no code attached). */
const MESSAGES = /Connection terminated|terminating connection due to administrator command|Connection ended unexpectedly|timeout exceeded when trying to connect|Client has encountered a connection error|is not currently accepting connections/i;

/**
 * True when the error (or one it wraps: GraphQL's originalError, TypeORM's driverError, cause)
 * says the database connection was lost or unavailable, not that the statement was wrong.
 */
export function isConnectionError(error: unknown): boolean {
  let current: unknown = error;
  for (let depth = 0; depth < 6 && current && typeof current === 'object'; depth++) {
    const { code, message } = current as { code?: unknown; message?: unknown };
    if (typeof code === 'string' && (CONNECTION_CODES.has(code) || SQLSTATE.test(code))) return true;
    if (typeof message === 'string' && MESSAGES.test(message)) return true;
    const wrapper = current as { originalError?: unknown; driverError?: unknown; cause?: unknown };
    current = wrapper.originalError ?? wrapper.driverError ?? wrapper.cause;
  }
  return false;
}

/**
 * A lost database connection is not the client's fault nor a bug: the same request is likely to
 * work in a moment. It becomes a retryable SERVICE_UNAVAILABLE instead of INTERNAL_SERVER_ERROR.
 */
export function connectionLossAsAppError(error: unknown): AppError | undefined {
  if (!isConnectionError(error)) return undefined;
  return AppError.unavailable({
    nl: 'De database is even niet bereikbaar; probeer het over enkele seconden opnieuw.',
    en: 'The database is briefly unavailable; try again in a few seconds.',
  });
}

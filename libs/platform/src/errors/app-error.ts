/**
 * The error codes a client can receive in `extensions.code` (architecture guide, guarantee 5).
 * INTERNAL_SERVER_ERROR is only used for faults that are ours, never for bad input.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'INVALID_TRANSITION',
  'CONFLICT',
  'SERVICE_UNAVAILABLE',
  'RATE_LIMITED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export interface BilingualMessage {
  nl: string;
  en: string;
}

/**
 * A refusal the client can act on. Services throw it; the API edge turns it into a GraphQL
 * error or an HTTP problem response. The message never contains personal data.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly text: BilingualMessage,
    readonly details: Record<string, unknown> = {},
  ) {
    super(`${text.nl} / ${text.en}`);
    this.name = 'AppError';
  }

  static unauthenticated(text: BilingualMessage = {
    nl: 'Niet aangemeld: stuur een geldig toegangstoken mee (Authorization: Bearer …).',
    en: 'Not authenticated: send a valid access token (Authorization: Bearer …).',
  }): AppError {
    return new AppError('UNAUTHENTICATED', text);
  }

  static forbidden(text: BilingualMessage, details?: Record<string, unknown>): AppError {
    return new AppError('FORBIDDEN', text, details);
  }

  static notFound(what: BilingualMessage): AppError {
    return new AppError('NOT_FOUND', {
      nl: `${what.nl} bestaat niet of is voor u niet zichtbaar.`,
      en: `${what.en} does not exist or is not visible to you.`,
    });
  }

  static badInput(text: BilingualMessage, details?: Record<string, unknown>): AppError {
    return new AppError('BAD_USER_INPUT', text, details);
  }

  static conflict(text: BilingualMessage, details?: Record<string, unknown>): AppError {
    return new AppError('CONFLICT', text, details);
  }

  static unavailable(text: BilingualMessage): AppError {
    return new AppError('SERVICE_UNAVAILABLE', text);
  }
}

/** Statuses used when an AppError crosses a plain HTTP (non-GraphQL) edge. */
export const HTTP_STATUS_BY_CODE: Record<ErrorCode, number> = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  BAD_USER_INPUT: 400,
  INVALID_TRANSITION: 409,
  CONFLICT: 409,
  SERVICE_UNAVAILABLE: 503,
  RATE_LIMITED: 429,
  INTERNAL_SERVER_ERROR: 500,
};

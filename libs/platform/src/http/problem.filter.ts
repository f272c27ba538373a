import { type ArgumentsHost, Catch } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import type { Response } from 'express';
import { AppError, HTTP_STATUS_BY_CODE } from '../errors/app-error';
import { connectionLossAsAppError } from '../errors/connection-errors';

/** Seconds a client should wait before retrying after a lost database connection. */
const RETRY_AFTER_SECONDS = 5;

/**
 * Errors on plain HTTP routes (token endpoints, sign-in configuration) become RFC 9457 problem
 * details, as the NL API Design Rules ask: an AppError with its own code, and a lost database
 * connection as a retryable 503 with Retry-After (not a 500: the request will likely work in a
 * moment), a rate limit as 429 with its own Retry-After. Anything else goes to Nest's default handling. GraphQL errors are left to the GraphQL
 * error formatter.
 */
@Catch()
export class ProblemDetailsFilter extends BaseExceptionFilter {
  override catch(error: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') throw error;
    const lost = error instanceof AppError ? undefined : connectionLossAsAppError(error);
    const problem = error instanceof AppError ? error : lost;
    if (!problem) return super.catch(error, host);
    const status = HTTP_STATUS_BY_CODE[problem.code];
    const response = host.switchToHttp().getResponse<Response>();
    if (lost) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
    // A rate limit says how long to wait (RFC 9110 Retry-After, NL API Design Rules).
    const wait = problem.details.retryAfterSeconds;
    if (typeof wait === 'number') response.setHeader('Retry-After', String(wait));
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `https://schakel.nl/problems/${problem.code.toLowerCase().replace(/_/g, '-')}`,
        title: problem.text.en,
        status,
        detail: problem.text.nl,
        code: problem.code,
        // The input field a refusal is about (a name, never its value).
        ...(typeof problem.details.field === 'string' ? { field: problem.details.field } : {}),
      });
    return undefined;
  }
}

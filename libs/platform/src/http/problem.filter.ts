import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { Response } from 'express';
import { AppError, HTTP_STATUS_BY_CODE } from '../errors/app-error';

/**
 * AppErrors on plain HTTP routes (token endpoints) become RFC 9457 problem details, as the
 * NL API Design Rules ask. GraphQL errors are left to the GraphQL error formatter.
 */
@Catch(AppError)
export class ProblemDetailsFilter implements ExceptionFilter {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<string>() !== 'http') throw error;
    const status = HTTP_STATUS_BY_CODE[error.code];
    const response = host.switchToHttp().getResponse<Response>();
    response
      .status(status)
      .type('application/problem+json')
      .json({
        type: `https://schakel.nl/problems/${error.code.toLowerCase().replace(/_/g, '-')}`,
        title: error.text.en,
        status,
        detail: error.text.nl,
        code: error.code,
        // The input field a refusal is about (a name, never its value).
        ...(typeof error.details.field === 'string' ? { field: error.details.field } : {}),
      });
    return undefined;
  }
}

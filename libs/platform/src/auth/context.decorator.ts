import { randomUUID } from 'node:crypto';
import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { RequestContext } from './request-context';
import { requestFrom } from './request';

/** The caller and the request's trace id (the X-Request-Id pino assigned), for services. */
export const Ctx = createParamDecorator((_data: unknown, context: ExecutionContext): RequestContext => {
  const request = requestFrom(context);
  if (!request?.actor) throw AppError.unauthenticated();
  const id = (request as { id?: unknown }).id;
  return { actor: request.actor, traceId: typeof id === 'string' && id ? id : randomUUID() };
});

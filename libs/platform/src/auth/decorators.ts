import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { AppError } from '../errors/app-error';
import type { Actor } from './actor';
import { requestFrom } from './request';

export const IS_PUBLIC = 'schakel:isPublic';

/** Marks a route or resolver as reachable without a token (health, token endpoints). */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** The authenticated caller; the AuthGuard has already refused anonymous calls. */
export const CurrentActor = createParamDecorator((_data: unknown, context: ExecutionContext): Actor => {
  const actor = requestFrom(context)?.actor;
  if (!actor) throw AppError.unauthenticated();
  return actor;
});

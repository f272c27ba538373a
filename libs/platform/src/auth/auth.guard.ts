import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error';
import { ActorResolver } from './actor-resolver';
import { IS_PUBLIC } from './decorators';
import { requestFrom } from './request';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i;

/**
 * Global guard: every GraphQL operation and HTTP route needs a valid bearer token unless it is
 * marked @Public(). The resolved actor is put on the request for @CurrentActor().
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const request = requestFrom(context);
    if (!request) throw AppError.unauthenticated();
    if (request.actor) return true;
    const header = request.headers.authorization;
    const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
    if (!match) throw AppError.unauthenticated();
    request.actor = await this.actors.resolve(match[1]);
    return true;
  }
}

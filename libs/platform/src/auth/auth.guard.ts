import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AppError } from '../errors/app-error';
import { RateLimitService } from '../rate-limit/rate-limit.service';
import type { Actor } from './actor';
import { ActorResolver } from './actor-resolver';
import { IS_PUBLIC } from './decorators';
import { requestFrom, type SchakelRequest } from './request';
import { ANY_SCOPE, PEOPLE_ONLY, REQUIRED_SCOPE, type ScopeRequirement } from './scopes.decorator';

const BEARER = /^Bearer\s+([A-Za-z0-9\-_.~+/]+=*)$/i;

/**
 * Global guard: every GraphQL operation and HTTP route needs a valid bearer token unless it is
 * marked @Public(). It resolves the actor (put on the request for @CurrentActor/@Ctx), enforces
 * the scope an operation states for machine clients (deny by default), and takes one point of
 * the caller's rate limit per request.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly actors: ActorResolver,
    private readonly rateLimits: RateLimitService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    const request = requestFrom(context);
    if (!request) throw AppError.unauthenticated();
    if (!request.actor) {
      const header = request.headers.authorization;
      const match = typeof header === 'string' ? BEARER.exec(header.trim()) : null;
      if (!match) throw AppError.unauthenticated();
      request.actor = await this.actors.resolve(match[1]);
    }
    this.checkScope(request.actor, this.reflector.getAllAndOverride<ScopeRequirement | undefined>(REQUIRED_SCOPE, targets));
    await this.rateLimit(request, request.actor);
    return true;
  }

  private checkScope(actor: Actor, required: ScopeRequirement | undefined): void {
    if (actor.kind !== 'machine' || required === ANY_SCOPE) return;
    if (required === undefined || required === PEOPLE_ONLY) {
      throw AppError.forbidden({ nl: 'Deze bewerking is niet beschikbaar voor machineclients.', en: 'This operation is not available to machine clients.' });
    }
    if (!actor.scopes.includes(required)) {
      throw AppError.forbidden(
        { nl: `Hiervoor is de scope ${required} nodig.`, en: `This needs the scope ${required}.` },
        { requiredScope: required },
      );
    }
  }

  /**
   * One point per HTTP request, however many root fields it has; every root field of a refused
   * request is refused (they share the one outcome).
   */
  private rateLimit(request: SchakelRequest & { rateLimit?: Promise<void>; res?: { setHeader(name: string, value: string): void } }, actor: Actor): Promise<void> {
    if (!request.rateLimit) {
      const key = actor.kind === 'machine' ? `client:${actor.clientId}` : `employee:${actor.employeeId}`;
      request.rateLimit = this.rateLimits.consume('actor', key).catch((error: unknown) => {
        if (error instanceof AppError && error.code === 'RATE_LIMITED') request.res?.setHeader('Retry-After', String(error.details.retryAfterSeconds));
        throw error;
      });
    }
    return request.rateLimit;
  }
}

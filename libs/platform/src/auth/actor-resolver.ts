import type { Actor } from './actor';

/**
 * Turns a bearer token into an Actor, or throws AppError UNAUTHENTICATED. Platform defines the
 * contract; the organisations library implements it (it knows employees and issuers).
 */
export abstract class ActorResolver {
  abstract resolve(bearerToken: string): Promise<Actor>;
}

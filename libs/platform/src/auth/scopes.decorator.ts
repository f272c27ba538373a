import { SetMetadata } from '@nestjs/common';
import type { Scope } from './actor';

export const REQUIRED_SCOPE = 'schakel:requiredScope';

/** Only people (employees) may call this: personal notifications, for instance. */
export const PEOPLE_ONLY = 'people-only';
/** Anyone signed in, machine clients included, without a particular scope (e.g. `me`). */
export const ANY_SCOPE = 'any';

export type ScopeRequirement = Scope | typeof PEOPLE_ONLY | typeof ANY_SCOPE;

/**
 * States the scope a machine client needs for an operation. The guard refuses a machine client
 * without it with FORBIDDEN, and refuses operations that state nothing (deny by default).
 * Employees are governed by their roles in the services.
 */
export const RequiresScope = (scope: ScopeRequirement): MethodDecorator & ClassDecorator => SetMetadata(REQUIRED_SCOPE, scope);

/**
 * Roles of an employee (docs/domain.md, glossary). OPERATOR (platformbeheerder) runs the platform itself
 * (queue dashboard, ADR 0010): no seed, no scope and no organisation's own administrator gives it.
 * PRIVACY (privacymedewerker / functionaris gegevensbescherming) produces inzage reports (AVG
 * art. 15, docs/security/inzage-and-keys.md); granted by hand like OPERATOR, never by a scope.
 */
export const EMPLOYEE_ROLES = ['BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER', 'OPERATOR', 'PRIVACY'] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/** What a machine client (a partner system) may be granted. */
export const SCOPES = ['handoffs:read', 'handoffs:write', 'action-lists:read', 'action-lists:sign', 'webhooks:manage'] as const;
export type Scope = (typeof SCOPES)[number];

interface ActorBase {
  organisationId: string;
  /** Roles for the rules in the services; a machine client's follow from its scopes. */
  roles: readonly EmployeeRole[];
  /** When the bearer token stops being valid (seconds since the epoch), if known. */
  tokenExpiresAt?: number;
}

/** A person of an organisation. */
export interface EmployeeActor extends ActorBase {
  kind: 'employee';
  employeeId: string;
  username: string;
}

/** A partner system acting for its organisation; shown on timelines as the system, not a person. */
export interface MachineActor extends ActorBase {
  kind: 'machine';
  employeeId: null;
  clientId: string;
  clientName: string;
  scopes: readonly Scope[];
}

export type Actor = EmployeeActor | MachineActor;

export function hasAnyRole(actor: Actor, roles: readonly EmployeeRole[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

/**
 * The roles a machine client's scopes stand for: handoff scopes act like the case roles of its
 * organisation, webhooks:manage like its administrator. The scope guard decides per operation.
 * Never OPERATOR nor PRIVACY: the platform operator and the privacy officer are people (ADR 0010).
 */
export function rolesForScopes(scopes: readonly Scope[]): EmployeeRole[] {
  const roles = new Set<EmployeeRole>();
  if (scopes.includes('handoffs:read') || scopes.includes('handoffs:write')) ['BALIE', 'BEHANDELAAR', 'COORDINATOR'].forEach((r) => roles.add(r as EmployeeRole));
  if (scopes.includes('webhooks:manage')) roles.add('BEHEERDER');
  return [...roles];
}

/** Roles of an employee (DOMAIN.md glossary). */
export const EMPLOYEE_ROLES = ['BALIE', 'BEHANDELAAR', 'COORDINATOR', 'SECRETARIS', 'BELEID', 'BEHEERDER'] as const;
export type EmployeeRole = (typeof EMPLOYEE_ROLES)[number];

/** Who is calling: a person of an organisation. (Machine clients join this union later.) */
export interface EmployeeActor {
  kind: 'employee';
  employeeId: string;
  username: string;
  organisationId: string;
  roles: readonly EmployeeRole[];
}

export type Actor = EmployeeActor;

export function hasAnyRole(actor: Actor, roles: readonly EmployeeRole[]): boolean {
  return actor.roles.some((r) => roles.includes(r));
}

import { type Actor, EMPLOYEE_ROLES, rolesForScopes, SCOPES } from '@schakel/platform';
import { mayOpenQueueDashboard } from './queue-dashboard';

const employee = (...roles: Actor['roles']): Actor => ({ kind: 'employee', employeeId: 'e', username: 'u', organisationId: 'o', roles });

describe('who may open the queue dashboard', () => {
  it('is the platform operator only: no other role, however many', () => {
    expect(mayOpenQueueDashboard(employee('OPERATOR'))).toBe(true);
    expect(mayOpenQueueDashboard(employee(...EMPLOYEE_ROLES.filter((r) => r !== 'OPERATOR')))).toBe(false);
    expect(mayOpenQueueDashboard(employee('BEHEERDER'))).toBe(false);
  });

  it('is never a machine client, whatever its scopes or roles', () => {
    const machine: Actor = { kind: 'machine', employeeId: null, clientId: 'c', clientName: 'c', organisationId: 'o', scopes: [...SCOPES], roles: rolesForScopes(SCOPES) };
    expect(rolesForScopes(SCOPES)).not.toContain('OPERATOR');
    expect(mayOpenQueueDashboard(machine)).toBe(false);
    expect(mayOpenQueueDashboard({ ...machine, roles: ['OPERATOR'] })).toBe(false);
  });
});

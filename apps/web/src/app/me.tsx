import { useQuery } from '@apollo/client/react';
import { createContext, useContext, type ReactNode } from 'react';
import { MeDocument, type EmployeeRole, type MeQuery } from '../api/generated';

export type CurrentUser = NonNullable<MeQuery['me']['employee']> & { organisation: MeQuery['me']['organisation'] };

const MeContext = createContext<CurrentUser | null>(null);

export const CASE_ROLES: readonly EmployeeRole[] = ['BALIE', 'BEHANDELAAR', 'COORDINATOR'];
export const RECEIVER_ROLES: readonly EmployeeRole[] = ['BEHANDELAAR', 'COORDINATOR'];

export function hasRole(user: CurrentUser, roles: readonly EmployeeRole[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** Loads who is signed in once; pages read it with useMe(). */
export function MeProvider({ children, loading }: { children: (user: CurrentUser) => ReactNode; loading: ReactNode }) {
  const { data, error } = useQuery(MeDocument, { fetchPolicy: 'network-only' });
  const employee = data?.me.employee;
  if (!employee) return <>{error ? null : loading}</>;
  const user: CurrentUser = { ...employee, organisation: data.me.organisation };
  return <MeContext.Provider value={user}>{children(user)}</MeContext.Provider>;
}

export function useMe(): CurrentUser {
  const user = useContext(MeContext);
  if (!user) throw new Error('useMe buiten MeProvider');
  return user;
}

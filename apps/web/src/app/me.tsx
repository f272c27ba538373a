import { useQuery } from '@apollo/client/react';
import { Alert, Button, Heading1, Paragraph } from '@utrecht/component-library-react';
import { createContext, useContext, useEffect, type ReactNode } from 'react';
import { MeDocument, type EmployeeRole, type MeQuery } from '../api/generated';
import { userFacingErrors } from '../api/errors';
import { useSession } from '../auth/session';

export type CurrentUser = NonNullable<MeQuery['me']['employee']> & { organisation: MeQuery['me']['organisation'] };

const MeContext = createContext<CurrentUser | null>(null);

export const CASE_ROLES: readonly EmployeeRole[] = ['BALIE', 'BEHANDELAAR', 'COORDINATOR'];
export const RECEIVER_ROLES: readonly EmployeeRole[] = ['BEHANDELAAR', 'COORDINATOR'];

export function hasRole(user: CurrentUser, roles: readonly EmployeeRole[]): boolean {
  return user.roles.some((r) => roles.includes(r));
}

/** Loads who is signed in once; pages read it with useMe(). */
export function MeProvider({ children, loading }: { children: (user: CurrentUser) => ReactNode; loading: ReactNode }) {
  const { data, error, refetch } = useQuery(MeDocument, { fetchPolicy: 'network-only' });
  const { refuse } = useSession();
  const employee = data?.me.employee;
  // Refused before anything was shown: the identity provider vouched for someone Schakel does not
  // let in (another organisation's employee, an inactive account). That is no expiry.
  const refusedAtOnce = !data && error !== undefined && userFacingErrors(error).some((e) => e.code === 'UNAUTHENTICATED');
  const noEmployee = data !== undefined && !employee;
  useEffect(() => {
    if (refusedAtOnce) {
      refuse('U bent wel aangemeld bij uw organisatie, maar Schakel laat dit account niet toe. Het hoort bij een andere organisatie of is niet actief. Vraag uw beheerder om hulp.');
    } else if (noEmployee) {
      refuse('Dit account is geen medewerker. Meld u aan als medewerker.');
    }
  }, [refusedAtOnce, noEmployee, refuse]);
  if (!employee) {
    if (error && !refusedAtOnce) {
      return (
        <main id="inhoud" className="schakel-main" tabIndex={-1}>
          <Heading1>Schakel</Heading1>
          <Alert type="error" role="alert">
            <Paragraph>{userFacingErrors(error)[0]?.message}</Paragraph>
          </Alert>
          <Button appearance="primary-action-button" type="button" onClick={() => void refetch()}>
            Opnieuw proberen
          </Button>
        </main>
      );
    }
    return <>{error ? null : loading}</>;
  }
  const user: CurrentUser = { ...employee, organisation: data.me.organisation };
  return <MeContext.Provider value={user}>{children(user)}</MeContext.Provider>;
}

export function useMe(): CurrentUser {
  const user = useContext(MeContext);
  if (!user) throw new Error('useMe buiten MeProvider');
  return user;
}

import { Alert, Heading1, Paragraph } from '@utrecht/component-library-react';
import { useLocation } from 'react-router';
import { usePageTitle } from '../ui/page';
import { useSession } from './session';
import { SignInPanel } from './SignInPanel';

/** Shown at any address while nobody is signed in; after sign-in that address opens. */
export function SignInPage() {
  const location = useLocation();
  const { refusal } = useSession();
  usePageTitle('Aanmelden');
  const returnTo = location.pathname.startsWith('/inloggen') ? '/' : `${location.pathname}${location.search}`;
  return (
    <main id="inhoud" className="schakel-main schakel-main--narrow" tabIndex={-1}>
      <Heading1>Aanmelden bij Schakel</Heading1>
      {refusal && (
        <Alert type="error" role="alert">
          <Paragraph>{refusal}</Paragraph>
        </Alert>
      )}
      <Paragraph>Schakel helpt u een inwoner warm door te verwijzen naar de organisatie die verder helpt.</Paragraph>
      <SignInPanel mode="page" returnTo={returnTo} />
    </main>
  );
}

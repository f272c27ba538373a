import { Alert, Heading1, Link, Paragraph } from '@utrecht/component-library-react';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { usePageTitle } from '../ui/page';
import { completePopup, completeRedirect } from './oidc';
import { useSession } from './session';

/** The identity provider sends the browser back here with a code; PKCE turns it into tokens. */
export function OidcCallbackPage() {
  const { adopt } = useSession();
  const navigate = useNavigate();
  const [error, setError] = useState<string | null>(null);
  const started = useRef(false);
  usePageTitle('Aanmelden');

  useEffect(() => {
    if (started.current) return; // the code may be used once, also under React's double effects
    started.current = true;
    completeRedirect()
      .then(async ({ session, returnTo }) => {
        await adopt(session);
        navigate(returnTo, { replace: true });
      })
      .catch(() => setError('Aanmelden lukte niet. Misschien duurde het te lang.'));
  }, [adopt, navigate]);

  return (
    <main id="inhoud" className="schakel-main schakel-main--narrow" tabIndex={-1}>
      <Heading1>Aanmelden…</Heading1>
      {error ? (
        <Alert type="error" role="alert">
          <Paragraph>
            {error} <Link href="/">Opnieuw aanmelden</Link>
          </Paragraph>
        </Alert>
      ) : (
        <Paragraph role="status">Een moment, u wordt aangemeld.</Paragraph>
      )}
    </main>
  );
}

/** Inside the small sign-in window: hands the result back and closes. */
export function OidcPopupPage() {
  const started = useRef(false);
  usePageTitle('Aanmelden');
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void completePopup().catch(() => window.close());
  }, []);
  return (
    <main id="inhoud" className="schakel-main" tabIndex={-1}>
      <Heading1>Aanmelden…</Heading1>
      <Paragraph role="status">Dit venster sluit vanzelf.</Paragraph>
    </main>
  );
}

import { Alert, Button, FormField, FormLabel, Heading2, Paragraph, Select, SelectOption } from '@utrecht/component-library-react';
import { useEffect, useId, useState, type FormEvent } from 'react';
import { fetchAuthConfig, fetchDemoEmployees, type AuthConfig, type DemoEmployee } from './auth-api';
import { signInPopup, signInRedirect } from './oidc';
import { useSession } from './session';

interface Props {
  /** 'page': the sign-in screen; 'dialog': signing in again after an expiry, page kept. */
  mode: 'page' | 'dialog';
  /** Where to go after an identity provider's redirect (page mode). */
  returnTo: string;
  headingLevel?: 2;
}

const ROLE_WORDS: Record<string, string> = {
  BALIE: 'balie',
  BEHANDELAAR: 'behandelaar',
  COORDINATOR: 'coördinator',
  SECRETARIS: 'secretaris',
  BELEID: 'beleid',
  BEHEERDER: 'beheerder',
};

/** Demo employees grouped by organisation, for the development sign-in. */
function groupByOrganisation(employees: DemoEmployee[]): Array<[string, DemoEmployee[]]> {
  const groups = new Map<string, DemoEmployee[]>();
  for (const e of employees) groups.set(e.organisationName, [...(groups.get(e.organisationName) ?? []), e]);
  return [...groups.entries()];
}

export function SignInPanel({ mode, returnTo }: Props) {
  const { signInDev, adopt, session } = useSession();
  const [config, setConfig] = useState<AuthConfig | null>(null);
  const [employees, setEmployees] = useState<DemoEmployee[]>([]);
  const [username, setUsername] = useState(session?.username ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const selectId = useId();
  const errorId = useId();

  useEffect(() => {
    let cancelled = false;
    fetchAuthConfig()
      .then(async (c) => {
        if (cancelled) return;
        setConfig(c);
        if (c.devSignIn) {
          const list = await fetchDemoEmployees();
          if (!cancelled) setEmployees(list);
        }
      })
      .catch(() => !cancelled && setError('Schakel is niet bereikbaar. Probeer het zo opnieuw.'));
    return () => {
      cancelled = true;
    };
  }, []);

  async function submitDev(event: FormEvent) {
    event.preventDefault();
    if (!username) {
      setError('Kies met wie u zich aanmeldt.');
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await signInDev(username);
    } catch (e) {
      setError(e instanceof Error ? e.message : 'Aanmelden lukte niet.');
    } finally {
      setBusy(false);
    }
  }

  async function viaProvider(providerId: string) {
    const provider = config?.providers.find((p) => p.id === providerId);
    if (!provider) return;
    setBusy(true);
    setError(null);
    try {
      if (mode === 'dialog') await adopt(await signInPopup(provider));
      else await signInRedirect(provider, returnTo);
    } catch {
      setError('Aanmelden bij uw organisatie lukte niet. Probeer het opnieuw.');
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="schakel-signin">
      {error && (
        <Alert type="error" id={errorId} role="alert">
          <Paragraph>{error}</Paragraph>
        </Alert>
      )}
      {config && config.providers.length > 0 && (
        <section aria-labelledby={`${selectId}-org`}>
          <Heading2 id={`${selectId}-org`}>Aanmelden via uw organisatie</Heading2>
          <ul className="schakel-plain-list">
            {config.providers.map((p) => (
              <li key={p.id}>
                <Button appearance="primary-action-button" type="button" disabled={busy} onClick={() => viaProvider(p.id)}>
                  Aanmelden bij {p.organisationName}
                </Button>
              </li>
            ))}
          </ul>
        </section>
      )}
      {config?.devSignIn && (
        <section aria-labelledby={`${selectId}-demo`}>
          <Heading2 id={`${selectId}-demo`}>Aanmelden als demo-medewerker</Heading2>
          <Paragraph>Alleen op een test- of demosysteem. Kies een medewerker.</Paragraph>
          <form onSubmit={submitDev} noValidate>
            <FormField>
              <FormLabel htmlFor={selectId}>Medewerker</FormLabel>
              <Select
                id={selectId}
                value={username}
                onChange={(e) => setUsername(e.target.value)}
                aria-describedby={error ? errorId : undefined}
              >
                <SelectOption value="">Kies een medewerker</SelectOption>
                {groupByOrganisation(employees).map(([organisation, list]) => (
                  <optgroup key={organisation} label={organisation}>
                    {list.map((e) => (
                      <SelectOption key={e.username} value={e.username}>
                        {e.name} ({e.roles.map((r) => ROLE_WORDS[r] ?? r.toLowerCase()).join(', ')})
                      </SelectOption>
                    ))}
                  </optgroup>
                ))}
              </Select>
            </FormField>
            <Button appearance="primary-action-button" type="submit" disabled={busy}>
              {mode === 'dialog' ? 'Opnieuw aanmelden' : 'Aanmelden'}
            </Button>
          </form>
        </section>
      )}
      {config && !config.devSignIn && config.providers.length === 0 && (
        <Paragraph>Er is nog geen manier om aan te melden ingesteld. Vraag uw beheerder om hulp.</Paragraph>
      )}
    </div>
  );
}

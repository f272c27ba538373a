import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import type { SchakelClient } from '../api/client';
import { devToken } from './auth-api';
import { tokenStore, type StoredSession } from './token-store';

export interface SessionState {
  session: StoredSession | null;
  /** True when the token ran out: the page stays, a sign-in dialog asks to continue. */
  expired: boolean;
  signInDev(username: string): Promise<void>;
  /** Takes a session from an identity provider (redirect callback or popup). */
  adopt(session: StoredSession): Promise<void>;
  signOut(): Promise<void>;
  /** Changes when another person signs in at this desk: the pages remount empty. */
  generation: number;
  /** A token the API refused from the start (not an expiry): back to the sign-in page with why. */
  refuse(message: string): void;
  /** Why the last sign-in was refused, shown on the sign-in page. */
  refusal: string | null;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ client, children }: { client: SchakelClient; children: ReactNode }) {
  const [session, setSession] = useState<StoredSession | null>(tokenStore.session);
  const [expired, setExpired] = useState(tokenStore.expired);
  const [generation, setGeneration] = useState(0);
  const [refusal, setRefusal] = useState<string | null>(null);
  const navigate = useNavigate();

  useEffect(
    () =>
      tokenStore.subscribe((s, e) => {
        setSession(s);
        setExpired(e);
      }),
    [],
  );

  const adopt = useCallback(
    async (next: StoredSession) => {
      setRefusal(null);
      const previous = tokenStore.session;
      tokenStore.set(next);
      if (previous && previous.username !== next.username) {
        // Someone else signed in at this desk: nothing of the previous user may stay on screen.
        await client.apollo.clearStore();
        setGeneration((g) => g + 1);
        navigate('/', { replace: true });
        return;
      }
      // Same person again after an expiry: fetch what changed meanwhile, keep the open form.
      await client.apollo.refetchObservableQueries();
    },
    [client, navigate],
  );

  const signInDev = useCallback(
    async (username: string) => {
      const issued = await devToken(username);
      await adopt({ accessToken: issued.access_token, expiresAt: Date.now() + issued.expires_in * 1000, source: 'dev', username });
    },
    [adopt],
  );

  const signOut = useCallback(async () => {
    tokenStore.clear();
    client.ws.terminate();
    await client.apollo.clearStore();
    setGeneration((g) => g + 1);
  }, [client]);

  const refuse = useCallback(
    (message: string) => {
      tokenStore.clear();
      client.ws.terminate();
      void client.apollo.clearStore();
      setRefusal(message);
      setGeneration((g) => g + 1);
    },
    [client],
  );

  const value = useMemo(
    () => ({ session, expired, signInDev, adopt, signOut, generation, refuse, refusal }),
    [session, expired, signInDev, adopt, signOut, generation, refuse, refusal],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession buiten SessionProvider');
  return value;
}

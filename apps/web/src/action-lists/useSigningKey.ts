import { useMutation, useQuery } from '@apollo/client/react';
import { useCallback, useEffect, useState } from 'react';
import { MySigningKeysDocument, RegisterSigningKeyDocument, type SigningKeyRowFragment } from '../api/generated';
import { forgetBrowserKey, generateBrowserKeyPair, loadBrowserKey, publicJwkOf, saveBrowserKey, type BrowserKey } from './signing-key';

export interface SigningKeyState {
  /** Still reading IndexedDB or the API. */
  loading: boolean;
  /** This browser's key for me, if it is registered and not revoked: the one to sign with. */
  usable: BrowserKey | undefined;
  /** This browser's key, registered or not. */
  browserKey: BrowserKey | undefined;
  /** My keys as Schakel knows them (revoked ones too). */
  serverKeys: SigningKeyRowFragment[];
  /** Makes a new key in this browser and registers its public half. */
  create: () => Promise<BrowserKey>;
  /** After a revocation: drop this browser's key if it is the one revoked. */
  forgetIfRevoked: (kid: string) => Promise<void>;
  refetch: () => Promise<unknown>;
}

/** My signing key in this browser, checked against what Schakel has registered. */
export function useSigningKey(employeeId: string): SigningKeyState {
  const [browserKey, setBrowserKey] = useState<BrowserKey | undefined>();
  const [loaded, setLoaded] = useState(false);
  const { data, loading, refetch } = useQuery(MySigningKeysDocument, { fetchPolicy: 'cache-and-network' });
  const [register] = useMutation(RegisterSigningKeyDocument);

  useEffect(() => {
    let live = true;
    loadBrowserKey(employeeId)
      .then((k) => live && setBrowserKey(k))
      .catch(() => undefined)
      .finally(() => live && setLoaded(true));
    return () => {
      live = false;
    };
  }, [employeeId]);

  const serverKeys = data?.mySigningKeys ?? [];
  const registered = browserKey && serverKeys.find((k) => k.kid === browserKey.kid);
  const usable = registered && !registered.revokedAt ? browserKey : undefined;

  const create = useCallback(async () => {
    const { keyPair, alg } = await generateBrowserKeyPair();
    const jwk = await publicJwkOf(keyPair);
    const result = await register({ variables: { publicJwk: JSON.stringify(jwk) } });
    const kid = result.data?.registerSigningKey.kid;
    if (!kid) throw new Error('Geen sleutel-id ontvangen');
    const key: BrowserKey = { employeeId, kid, alg, keyPair, createdAt: new Date().toISOString() };
    await saveBrowserKey(key);
    setBrowserKey(key);
    await refetch();
    return key;
  }, [employeeId, register, refetch]);

  const forgetIfRevoked = useCallback(
    async (kid: string) => {
      if (browserKey?.kid !== kid) return;
      await forgetBrowserKey(employeeId);
      setBrowserKey(undefined);
    },
    [browserKey, employeeId],
  );

  return { loading: !loaded || (loading && !data), usable, browserKey, serverKeys, create, forgetIfRevoked, refetch };
}

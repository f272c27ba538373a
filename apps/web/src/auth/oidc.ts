import { InMemoryWebStorage, UserManager, WebStorageStateStore, type User } from 'oidc-client-ts';
import type { IdentityProviderInfo } from './auth-api';
import type { StoredSession } from './token-store';

/** Which provider a redirect or popup is running for (an id, no secret, no personal data). */
const PROVIDER_KEY = 'schakel.oidc.provider';

export const REDIRECT_PATH = '/inloggen/terug';
export const POPUP_PATH = '/inloggen/venster';

function managerFor(provider: Pick<IdentityProviderInfo, 'issuer' | 'clientId'>): UserManager {
  const origin = window.location.origin;
  return new UserManager({
    authority: provider.issuer,
    client_id: provider.clientId,
    redirect_uri: `${origin}${REDIRECT_PATH}`,
    popup_redirect_uri: `${origin}${POPUP_PATH}`,
    response_type: 'code',
    scope: 'openid profile',
    // Tokens in memory only. The state store keeps the PKCE verifier across the redirect; it
    // is no credential on its own and is removed when the callback has used it.
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
    stateStore: new WebStorageStateStore({ store: window.sessionStorage }),
    automaticSilentRenew: false,
    loadUserInfo: false,
  });
}

function toSession(user: User, providerId: string): StoredSession {
  const profile = user.profile as Record<string, unknown>;
  const username = typeof profile.preferred_username === 'string' ? profile.preferred_username : String(profile.sub ?? '');
  return {
    accessToken: user.access_token,
    expiresAt: (user.expires_at ?? Math.floor(Date.now() / 1000) + 300) * 1000,
    source: providerId,
    username,
  };
}

/** Leaves for the provider's sign-in page; comes back at REDIRECT_PATH. */
export async function signInRedirect(provider: IdentityProviderInfo, returnTo: string): Promise<void> {
  window.sessionStorage.setItem(PROVIDER_KEY, JSON.stringify({ id: provider.id, issuer: provider.issuer, clientId: provider.clientId }));
  await managerFor(provider).signinRedirect({ state: { returnTo } });
}

/** Signs in again in a small window, so the page (and the form on it) stays as it was. */
export async function signInPopup(provider: IdentityProviderInfo): Promise<StoredSession> {
  window.sessionStorage.setItem(PROVIDER_KEY, JSON.stringify({ id: provider.id, issuer: provider.issuer, clientId: provider.clientId }));
  const user = await managerFor(provider).signinPopup();
  return toSession(user, provider.id);
}

function pendingProvider(): (Pick<IdentityProviderInfo, 'id' | 'issuer' | 'clientId'>) | null {
  const raw = window.sessionStorage.getItem(PROVIDER_KEY);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as Pick<IdentityProviderInfo, 'id' | 'issuer' | 'clientId'>;
  } catch {
    return null;
  }
}

/** On REDIRECT_PATH: exchanges the code (with the PKCE verifier) for tokens. */
export async function completeRedirect(): Promise<{ session: StoredSession; returnTo: string }> {
  const provider = pendingProvider();
  if (!provider) throw new Error('Er is geen aanmelding bezig. Begin opnieuw.');
  const user = await managerFor(provider).signinRedirectCallback();
  window.sessionStorage.removeItem(PROVIDER_KEY);
  const state = user.state as { returnTo?: unknown } | undefined;
  const returnTo = typeof state?.returnTo === 'string' && state.returnTo.startsWith('/') ? state.returnTo : '/';
  return { session: toSession(user, provider.id), returnTo };
}

/** On POPUP_PATH (inside the small window): hands the result to the page that opened it. */
export async function completePopup(): Promise<void> {
  const provider = pendingProvider();
  if (!provider) throw new Error('Er is geen aanmelding bezig.');
  await managerFor(provider).signinPopupCallback();
}

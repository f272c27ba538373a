/**
 * The access token lives here, in memory only: never in localStorage or sessionStorage, so a
 * script injected later cannot find it on disk and closing the tab ends the session.
 */
export interface StoredSession {
  accessToken: string;
  /** Epoch milliseconds. */
  expiresAt: number;
  /** 'dev' for the development issuer, otherwise the identity provider's id. */
  source: string;
  username: string;
}

type Listener = (session: StoredSession | null, expired: boolean) => void;

let current: StoredSession | null = null;
let expired = false;
const listeners = new Set<Listener>();
let waiters: Array<(token: string) => void> = [];
let expiryTimer: ReturnType<typeof setTimeout> | undefined;

function notify(): void {
  for (const listener of listeners) listener(current, expired);
}

export const tokenStore = {
  get session(): StoredSession | null {
    return current;
  },
  get expired(): boolean {
    return expired;
  },
  /** The token to send, or null while signed out or expired. */
  token(): string | null {
    return current && !expired ? current.accessToken : null;
  },
  set(session: StoredSession): void {
    current = session;
    expired = false;
    clearTimeout(expiryTimer);
    // Ask for a new sign-in a few seconds before the API would refuse the token.
    const ms = Math.max(0, session.expiresAt - Date.now() - 5_000);
    expiryTimer = setTimeout(() => tokenStore.markExpired(), Math.min(ms, 2_147_000_000));
    const ready = waiters;
    waiters = [];
    for (const resolve of ready) resolve(session.accessToken);
    notify();
  },
  /** The API or the socket said the token is no longer good: ask to sign in again, keep the page. */
  markExpired(): void {
    if (!current || expired) return;
    expired = true;
    clearTimeout(expiryTimer);
    notify();
  },
  clear(): void {
    current = null;
    expired = false;
    clearTimeout(expiryTimer);
    notify();
  },
  /** Resolves with a usable token, waiting for a new sign-in when the session has expired. */
  waitForToken(): Promise<string> {
    const token = tokenStore.token();
    if (token) return Promise.resolve(token);
    return new Promise((resolve) => waiters.push(resolve));
  },
  subscribe(listener: Listener): () => void {
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};

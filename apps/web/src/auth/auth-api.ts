/** The API's sign-in endpoints (public, outside GraphQL). */
export interface IdentityProviderInfo {
  id: string;
  organisationId: string;
  organisationName: string;
  issuer: string;
  clientId: string;
}

export interface AuthConfig {
  devSignIn: boolean;
  providers: IdentityProviderInfo[];
}

export interface DemoEmployee {
  username: string;
  name: string;
  roles: string[];
  organisationName: string;
}

export interface IssuedToken {
  access_token: string;
  expires_in: number;
}

async function json<T>(res: Response): Promise<T> {
  if (!res.ok) {
    let message = `De server antwoordde met ${res.status}.`;
    try {
      const body = (await res.json()) as { message?: unknown; detail?: unknown };
      const text = typeof body.detail === 'string' ? body.detail : typeof body.message === 'string' ? body.message : null;
      if (text) message = text.split(' / ')[0];
    } catch {
      // no JSON body
    }
    throw new Error(message);
  }
  return (await res.json()) as T;
}

export async function fetchAuthConfig(): Promise<AuthConfig> {
  return json<AuthConfig>(await fetch('/auth/config'));
}

export async function fetchDemoEmployees(): Promise<DemoEmployee[]> {
  return json<DemoEmployee[]>(await fetch('/auth/dev/employees'));
}

export async function devToken(username: string, expiresInSeconds?: number): Promise<IssuedToken> {
  const res = await fetch('/auth/dev/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(expiresInSeconds ? { username, expiresInSeconds } : { username }),
  });
  return json<IssuedToken>(res);
}

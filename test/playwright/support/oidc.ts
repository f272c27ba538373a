import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export const SCHAKEL_API_AUDIENCE = 'urn:schakel:api';
export const WEB_CLIENT_ID = 'schakel-web';

export interface RunningOidcProvider {
  issuer: string;
  jwksUri: string;
  /** Errors the provider reported (server_error and the like), for a test's failure message. */
  errors: string[];
  close(): Promise<void>;
}

/**
 * A real OpenID Connect provider (panva's oidc-provider) on 127.0.0.1, as an organisation's own
 * identity provider: the web app signs in with the authorization code flow and PKCE, and gets a
 * JWT access token for Schakel's API (RS256, audience urn:schakel:api, sub = the username).
 * Its built-in development pages ask for any login and password, then for consent.
 */
export async function startOidcProvider(webUrl: string): Promise<RunningOidcProvider> {
  // ESM only: loaded with import(), which Node 20 also lets Playwright's CommonJS transform do.
  const { default: Provider } = await import('oidc-provider');

  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: `pw-${randomBytes(4).toString('hex')}`, alg: 'RS256', use: 'sig' };
  const errors: string[] = [];

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: WEB_CLIENT_ID,
        token_endpoint_auth_method: 'none',
        redirect_uris: [`${webUrl}/inloggen/terug`, `${webUrl}/inloggen/venster`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(32).toString('hex')] },
    // Whoever types a login is that account: the username Schakel knows the employee by.
    findAccount: (_ctx: unknown, sub: string) => ({ accountId: sub, claims: () => ({ sub, preferred_username: sub }) }),
    claims: { openid: ['sub'], profile: ['preferred_username'] },
    // The web app calls the token endpoint from its own origin (CORS), as a public client.
    clientBasedCORS: (_ctx: unknown, origin: string) => origin === new URL(webUrl).origin,
    ttl: { AuthorizationCode: 60, AccessToken: 600, IdToken: 600, Interaction: 600, Session: 3600, Grant: 3600 },
    features: {
      devInteractions: { enabled: true },
      resourceIndicators: {
        enabled: true,
        defaultResource: () => SCHAKEL_API_AUDIENCE,
        useGrantedResource: () => true,
        getResourceServerInfo: () => ({
          scope: 'openid profile',
          audience: SCHAKEL_API_AUDIENCE,
          accessTokenFormat: 'jwt',
          jwt: { sign: { alg: 'RS256' } },
        }),
      },
    },
  });
  for (const event of ['server_error', 'authorization.error', 'grant.error', 'backchannel.error']) {
    provider.on(event, (...args: unknown[]) => {
      const error = args.find((a) => a instanceof Error) as Error | undefined;
      errors.push(`${event}: ${error ? `${error.message} ${(error as { error_description?: string }).error_description ?? ''}` : ''}`);
    });
  }
  server.on('request', provider.callback());

  const discovery = (await (await fetch(`${issuer}/.well-known/openid-configuration`)).json()) as { jwks_uri: string };
  return {
    issuer,
    jwksUri: discovery.jwks_uri,
    errors,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

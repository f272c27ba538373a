import { expect, type Page, test } from '@playwright/test';
import { organisationIdBySlug, ownerQuery } from './support/db';
import { type RunningOidcProvider, SCHAKEL_API_AUDIENCE, startOidcProvider, WEB_CLIENT_ID } from './support/oidc';
import { stack } from './support/stack';

/**
 * Signing in through an organisation's own identity provider: a real OpenID Connect provider on
 * this machine, trusted by Schakel for UWV (a row in identity_providers, as an administrator
 * would add it). The web app sends the browser there (authorization code + PKCE), gets a JWT
 * access token back and the API accepts it for UWV's employees, and for no one else.
 */

let idp: RunningOidcProvider;
let providerRowId: string | undefined;

/** The web server lets the page connect to the issuers of /auth/config (CSP), cached up to 60 s. */
async function waitUntilCspAllows(origin: string): Promise<void> {
  const until = Date.now() + 75_000;
  let csp = '';
  while (Date.now() < until) {
    csp = (await fetch(`${stack().webUrl}/`)).headers.get('content-security-policy') ?? '';
    if (/connect-src [^;]*/.exec(csp)?.[0].split(' ').includes(origin)) return;
    await new Promise((r) => setTimeout(r, 1000));
  }
  throw new Error(`De CSP van de web-app staat ${origin} na 75 s nog niet toe: ${csp}`);
}

async function signInAtProvider(page: Page, username: string): Promise<void> {
  await page.getByRole('button', { name: 'Aanmelden bij UWV' }).click();
  await expect(page).toHaveURL((url) => url.origin === idp.issuer);
  // oidc-provider's development pages: any password; then the consent screen.
  await page.getByPlaceholder('Enter any login').fill(username);
  await page.getByPlaceholder('and password').fill('welkom');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  idp = await startOidcProvider(stack().webUrl);
  const uwv = await organisationIdBySlug('uwv');
  const [row] = await ownerQuery<{ id: string }>(
    `INSERT INTO identity_providers (organisation_id, issuer, jwks_uri, audience, username_claim, client_id, active)
     VALUES ($1, $2, $3, $4, 'sub', $5, true) RETURNING id`,
    [uwv, idp.issuer, idp.jwksUri, SCHAKEL_API_AUDIENCE, WEB_CLIENT_ID],
  );
  providerRowId = row.id;
  await waitUntilCspAllows(new URL(idp.issuer).origin);
});

test.afterAll(async () => {
  if (providerRowId) await ownerQuery('DELETE FROM identity_providers WHERE id = $1', [providerRowId]);
  await idp?.close();
});

test.beforeEach(async ({ page }) => {
  // The provider's pages import a web font; this machine stays offline.
  await page.route('https://fonts.googleapis.com/**', (route) => route.abort());
});

test.afterEach(async () => {
  expect(idp.errors, 'fouten van de identity provider').toEqual([]);
});

test('een behandelaar van UWV meldt zich aan bij UWV en komt in Inkomend', async ({ page }) => {
  await page.goto('/');
  await signInAtProvider(page, 'behandelaar@uwv.demo');

  await expect(page.getByRole('heading', { level: 1, name: 'Inkomend' })).toBeVisible();
  await expect(page).toHaveURL(`${stack().webUrl}/inkomend`);
  await expect(page.getByRole('banner')).toContainText('Behandelaar UWV (demo)');
});

test('een medewerker van de SVB komt via de identity provider van UWV niet binnen', async ({ page }) => {
  const refusals: string[] = [];
  page.on('response', async (response) => {
    if (!response.url().endsWith('/graphql') || response.request().method() !== 'POST') return;
    const body = (await response.json().catch(() => null)) as { errors?: Array<{ extensions?: { code?: string } }> } | null;
    for (const e of body?.errors ?? []) refusals.push(e.extensions?.code ?? '?');
  });

  await page.goto('/');
  await signInAtProvider(page, 'behandelaar@svb.demo');

  // UWV's issuer vouches only for UWV's employees: the API refuses the token, and the app goes
  // back to the sign-in page saying why, without showing anything of Schakel.
  await expect(page.getByRole('heading', { level: 1, name: 'Aanmelden bij Schakel' })).toBeVisible();
  await expect(page.getByRole('alert')).toContainText('Schakel laat dit account niet toe');
  await expect(page.getByRole('dialog', { name: 'Uw sessie is verlopen' })).toHaveCount(0);
  expect(refusals).toContain('UNAUTHENTICATED');
  await expect(page.getByRole('heading', { level: 1, name: 'Inkomend' })).toHaveCount(0);
  await expect(page.getByRole('navigation', { name: 'Hoofdmenu' })).toHaveCount(0);
  await expect(page.getByRole('banner')).toHaveCount(0);
});

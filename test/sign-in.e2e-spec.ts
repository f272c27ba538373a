import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';

/**
 * The web app's sign-in routes outside production: GET /auth/config, GET /auth/dev/employees and
 * POST /auth/dev/token with expiresInSeconds. A database of its own, because the suite adds
 * identity providers and deactivates people. Production: api-production.e2e-spec.ts.
 */
describe('sign-in routes for the web app (outside production)', () => {
  const env = new IsolatedEnvironment('signin');
  let app: INestApplication;
  let api: TestClient;
  let owner: Client;
  const providerIds: Record<string, string> = {};

  const get = (path: string) => fetch(`${api.baseUrl}${path}`);
  const ME = `{ me { employee { username } } }`;

  beforeAll(async () => {
    await env.setUp();
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    const insert = async (key: string, slug: string, clientId: string | null, active = true) => {
      const { rows } = await owner.query(
        `INSERT INTO identity_providers (organisation_id, issuer, jwks_uri, audience, client_id, active)
         SELECT id, $2, $2 || '/jwks', 'schakel-api', $3, $4 FROM organisations WHERE slug = $1 RETURNING id`,
        [slug, `https://login.${key}.example`, clientId, active],
      );
      providerIds[key] = rows[0].id;
    };
    await insert('uwv', 'uwv', 'schakel-web');
    await insert('tilburg', 'tilburg', 'schakel-tilburg');
    await insert('enschede-no-client', 'enschede', null);
    await insert('svb-inactive', 'svb', 'schakel-web', false);
    await insert('sittard', 'sittard-geleen', 'schakel-sittard');
    await owner.query(`UPDATE organisations SET active = false WHERE slug = 'sittard-geleen'`);
    await owner.query(`UPDATE employees SET active = false WHERE username = 'beleid@uwv.demo'`);
    app = await createApiApp();
    api = await TestClient.listen(app);
  });

  afterAll(async () => {
    await app?.close();
    await owner?.end();
    await env.tearDown();
  });

  it('GET /auth/config offers active providers with a client id, of active organisations, by organisation name, without secrets', async () => {
    const res = await get('/auth/config');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      devSignIn: true,
      providers: [
        { id: providerIds.tilburg, organisationId: expect.any(String), organisationName: 'Gemeente Tilburg', issuer: 'https://login.tilburg.example', clientId: 'schakel-tilburg' },
        { id: providerIds.uwv, organisationId: expect.any(String), organisationName: 'UWV', issuer: 'https://login.uwv.example', clientId: 'schakel-web' },
      ],
    });
  });

  it('GET /auth/dev/employees lists active people of active organisations, by organisation name and username', async () => {
    const res = await get('/auth/dev/employees');
    expect(res.status).toBe(200);
    const employees = (await res.json()) as Array<{ username: string; name: string; roles: string[]; organisationName: string }>;
    expect(employees[0]).toEqual({ username: 'balie@belastingdienst.demo', name: expect.any(String), roles: ['BALIE'], organisationName: 'Belastingdienst' });
    expect(Object.keys(employees[0]).sort()).toEqual(['name', 'organisationName', 'roles', 'username']);
    const usernames = employees.map((e) => e.username);
    expect(usernames).toContain('coordinator@uwv.demo');
    expect(usernames).not.toContain('beleid@uwv.demo');
    expect(usernames.some((u) => u.endsWith('@sittard-geleen.demo'))).toBe(false);
    const organisations = [...new Set(employees.map((e) => e.organisationName))];
    expect(organisations).toEqual(['Belastingdienst', 'Gemeente Enschede', 'Gemeente Tilburg', 'Sociale Verzekeringsbank', 'UWV']);
    for (const name of organisations) {
      const own = employees.filter((e) => e.organisationName === name).map((e) => e.username);
      expect(own).toEqual([...own].sort());
    }
    // Each organisation's block is contiguous: sorted by organisation first.
    expect(employees.map((e) => e.organisationName)).toEqual(organisations.flatMap((name) => employees.filter((e) => e.organisationName === name).map(() => name)));
    expect(employees.find((e) => e.username === 'behandelaar@uwv.demo')).toMatchObject({ roles: ['BEHANDELAAR'], organisationName: 'UWV' });
  });

  it('POST /auth/dev/token issues a short token on request, which then expires', async () => {
    const res = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo', expiresInSeconds: 5 });
    expect(res.status).toBe(200);
    const { access_token, expires_in } = (await res.json()) as { access_token: string; expires_in: number };
    expect(expires_in).toBe(5);
    expect((await api.graphql(ME, {}, access_token)).errors).toBeUndefined();
    // Time must pass: until just after the token's own `exp` (whole seconds, so 4–5 s from now).
    const { exp } = JSON.parse(Buffer.from(access_token.split('.')[1], 'base64url').toString()) as { exp: number };
    expect(exp * 1000 - Date.now()).toBeLessThanOrEqual(5000);
    await new Promise((r) => setTimeout(r, Math.max(0, exp * 1000 - Date.now()) + 250));
    const expired = await api.graphql(ME, {}, access_token);
    expect(expired.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    expect(expired.errors?.[0].message).toMatch(/verlopen/);
  });

  it('POST /auth/dev/token: the configured lifetime without expiresInSeconds, up to it with', async () => {
    const plain = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo' });
    expect(await plain.json()).toMatchObject({ expires_in: 3600 });
    const longest = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo', expiresInSeconds: 3600 });
    expect(await longest.json()).toMatchObject({ expires_in: 3600 });
  });

  it.each([4, 3601, 60.5, '60', true, -5, 0])('POST /auth/dev/token refuses expiresInSeconds %j with 400 BAD_USER_INPUT', async (expiresInSeconds) => {
    const res = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo', expiresInSeconds });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const problem = (await res.json()) as { code: string; detail: string; title: string };
    expect(problem.code).toBe('BAD_USER_INPUT');
    expect(problem.detail).toMatch(/expiresInSeconds moet een geheel getal van 5 tot en met 3600/);
    expect(problem.title).toMatch(/expiresInSeconds must be a whole number from 5 to 3600/);
  });

  it('POST /auth/dev/token still refuses an unknown user (401) and a missing username (400)', async () => {
    expect((await api.post('/auth/dev/token', { username: 'nobody@tilburg.demo', expiresInSeconds: 60 })).status).toBe(401);
    expect((await api.post('/auth/dev/token', { expiresInSeconds: 60 })).status).toBe(400);
  });
});

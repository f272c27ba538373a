import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { createApiApp, printApiSchema, schemaPath } from '@schakel/api';
import { loadConfig } from '@schakel/platform';
import { TestClient } from '@schakel/testing';

const ME = `query { me { employee { id username name roles } organisation { id name kind oin gemeentecode } } }`;

describe('API (end to end)', () => {
  let app: INestApplication;
  let api: TestClient;

  beforeAll(async () => {
    app = await createApiApp();
    api = await TestClient.listen(app);
  });
  afterAll(() => app.close());

  it('answers `me` for balie@tilburg.demo with a development token', async () => {
    const token = await api.devToken('balie@tilburg.demo');
    const res = await api.graphql(ME, {}, token);
    expect(res.errors).toBeUndefined();
    expect(res.data?.me).toEqual({
      employee: { id: expect.any(String), username: 'balie@tilburg.demo', name: expect.stringContaining('Tilburg'), roles: ['BALIE'] },
      organisation: { id: expect.any(String), name: 'Gemeente Tilburg', kind: 'GEMEENTE', oin: '00000099000000855000', gemeentecode: '0855' },
    });
  });

  it('issues tokens in the OAuth2 shape', async () => {
    const res = await api.post('/auth/dev/token', { username: 'coordinator@svb.demo' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ access_token: expect.stringMatching(/^ey/), token_type: 'Bearer', expires_in: 3600 });
  });

  it('answers UNAUTHENTICATED without a token, with a broken one and with a foreign one', async () => {
    for (const token of [undefined, 'garbage', 'eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.']) {
      const res = await api.graphql(ME, {}, token);
      expect(res.data?.me ?? null).toBeNull();
      expect(res.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
      expect(res.errors?.[0].message).toMatch(/Niet aangemeld|ongeldig/);
    }
  });

  it('answers 401 with problem details for an unknown or inactive user, 400 without a username', async () => {
    const unknown = await api.post('/auth/dev/token', { username: 'nobody@tilburg.demo' });
    expect(unknown.status).toBe(401);
    expect(unknown.headers.get('content-type')).toMatch(/application\/problem\+json/);
    expect(await unknown.json()).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    expect((await api.post('/auth/dev/token', {})).status).toBe(400);
    expect((await api.post('/auth/dev/token', { username: 42 })).status).toBe(400);
  });

  it('lists organisations, optionally by kind, to a signed-in employee only', async () => {
    const token = await api.devToken('behandelaar@uwv.demo');
    const all = await api.graphql<{ organisations: Array<{ name: string }> }>(`{ organisations { name } }`, {}, token);
    expect(all.data?.organisations.map((o) => o.name)).toEqual(
      expect.arrayContaining(['Gemeente Tilburg', 'Gemeente Enschede', 'Gemeente Sittard-Geleen', 'UWV', 'Sociale Verzekeringsbank', 'Belastingdienst']),
    );
    const gemeenten = await api.graphql<{ organisations: Array<{ kind: string; gemeentecode: string }> }>(
      `query ($kind: OrganisationKind) { organisations(kind: $kind) { kind gemeentecode } }`,
      { kind: 'GEMEENTE' },
      token,
    );
    expect(gemeenten.data?.organisations.every((o) => o.kind === 'GEMEENTE' && /^\d{4}$/.test(o.gemeentecode))).toBe(true);
    const bad = await api.graphql(`query ($kind: OrganisationKind) { organisations(kind: $kind) { name } }`, { kind: 'BANK' }, token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await api.graphql(`{ organisations { name } }`);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('lists active colleagues of the own organisation only, optionally by role (for assigning)', async () => {
    const token = await api.devToken('coordinator@uwv.demo');
    const query = `query ($role: EmployeeRole) { colleagues(role: $role) { username roles } }`;
    const all = await api.graphql<{ colleagues: Array<{ username: string; roles: string[] }> }>(query, {}, token);
    expect(all.errors).toBeUndefined();
    expect(all.data!.colleagues.length).toBeGreaterThan(1);
    expect(all.data!.colleagues.every((c) => c.username.endsWith('@uwv.demo'))).toBe(true);
    const handlers = await api.graphql<{ colleagues: Array<{ username: string; roles: string[] }> }>(query, { role: 'BEHANDELAAR' }, token);
    expect(handlers.data!.colleagues.map((c) => c.username)).toEqual(['behandelaar@uwv.demo']);
    const bad = await api.graphql(query, { role: 'BAAS' }, token);
    expect(bad.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    const anonymous = await api.graphql(query, {}, undefined);
    expect(anonymous.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('reports liveness and readiness (PostgreSQL and Redis)', async () => {
    const live = await fetch(`${api.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    const ready = await fetch(`${api.baseUrl}/health/ready`);
    expect(await ready.json()).toEqual({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' } } });
  });

  it('refuses the queue dashboard to every organisation employee, BEHEERDER included (the operator: operator-and-token-endpoint.e2e-spec.ts)', async () => {
    expect((await fetch(`${api.baseUrl}/admin/queues`)).status).toBe(401);
    for (const who of ['balie@tilburg.demo', 'beheer@tilburg.demo']) {
      const token = await api.devToken(who);
      expect((await fetch(`${api.baseUrl}/admin/queues`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(403);
    }
  });

  it('lets the local web app call it from the browser (CORS outside production), and no other origin', async () => {
    const { WEB_PORT } = loadConfig();
    const preflight = (origin: string) =>
      fetch(`${api.baseUrl}/graphql`, {
        method: 'OPTIONS',
        headers: { Origin: origin, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'authorization,content-type' },
      });
    for (const origin of [`http://127.0.0.1:${WEB_PORT}`, `http://localhost:${WEB_PORT}`]) {
      const res = await preflight(origin);
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe(origin);
      expect(res.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
    }
    for (const origin of ['http://evil.example', `http://127.0.0.1:${WEB_PORT + 1}`]) {
      expect((await preflight(origin)).headers.get('access-control-allow-origin')).toBeNull();
    }
    const config = await fetch(`${api.baseUrl}/auth/config`, { headers: { Origin: `http://localhost:${WEB_PORT}` } });
    expect(config.headers.get('access-control-allow-origin')).toBe(`http://localhost:${WEB_PORT}`);
  });

  it('answers plain HTTP errors that are not ours in Nest\'s shape, not as a 500', async () => {
    const res = await fetch(`${api.baseUrl}/geen-route`);
    expect(res.status).toBe(404);
    const notJson = await fetch(`${api.baseUrl}/auth/dev/token`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{kapot' });
    expect(notJson.status).toBe(400);
  });

  it('echoes a request id', async () => {
    const res = await fetch(`${api.baseUrl}/health/live`, { headers: { 'X-Request-Id': 'trace-12345678' } });
    expect(res.headers.get('x-request-id')).toBe('trace-12345678');
  });

  it('keeps the committed schema.graphql equal to the code (run `npm run schema:generate` after a change)', () => {
    const committed = readFileSync(schemaPath(join(__dirname, '..')), 'utf8');
    expect(printApiSchema(app)).toBe(committed);
  });
});

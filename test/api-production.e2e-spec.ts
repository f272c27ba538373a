import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';

describe('API in production mode', () => {
  let app: INestApplication;
  let api: TestClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    Object.assign(process.env, {
      NODE_ENV: 'production',
      AUTH_TOKEN_SECRET: 'p'.repeat(48),
      BSN_ENCRYPTION_KEY: Buffer.alloc(32, 3).toString('base64'),
      BSN_HMAC_KEY: 'k'.repeat(40),
      PLATFORM_SIGNING_KEY: '{"kty":"OKP","crv":"Ed25519","x":"p7zddd907MB9QW2294g5ksLlLnCEogzO057vmRcESX4","d":"gRKGSEWvByhqYdMs9D72jvD0UH6s6CCGWStYMdAhO2E"}',
    });
    app = await createApiApp();
    api = await TestClient.listen(app);
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('has no development token route', async () => {
    const res = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo' });
    expect(res.status).toBe(404);
    // Not even a validation answer that would give the route away.
    expect((await api.post('/auth/dev/token', { username: 'balie@tilburg.demo', expiresInSeconds: 1 })).status).toBe(404);
  });

  it('lists no demo employees, exactly like the missing token route', async () => {
    const res = await fetch(`${api.baseUrl}/auth/dev/employees`);
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
    const token = await api.post('/auth/dev/token', { username: 'balie@tilburg.demo' });
    const [listed, issued] = [await res.json(), await token.json()];
    expect(listed).toEqual(issued);
    expect(listed).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('tells the web app that the demo sign-in is off', async () => {
    const res = await fetch(`${api.baseUrl}/auth/config`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ devSignIn: false, providers: expect.any(Array) });
  });

  it('allows no browser origin without CORS_ORIGINS, not even the local web app', async () => {
    for (const origin of ['http://localhost:4200', 'http://127.0.0.1:4200']) {
      const res = await fetch(`${api.baseUrl}/graphql`, { method: 'OPTIONS', headers: { Origin: origin, 'Access-Control-Request-Method': 'POST' } });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('refuses introspection and leaks no field suggestions or internals', async () => {
    const res = await api.graphql(`{ __schema { types { name } } }`);
    expect(res.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(res)).not.toMatch(/stacktrace|at Object|node_modules/);
  });
});

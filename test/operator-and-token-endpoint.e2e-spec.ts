import { request as httpRequest } from 'node:http';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import type { Client as PgClient } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Issue 9, classes 5 and 6 and the token endpoints' part of class 2 (docs/security/
 * operator-and-token-endpoint.md): the queue dashboard is for the platform operator only; the
 * token endpoint is limited per source address and overall, a wrong secret never locks the right
 * one out for longer than a short back-off; malformed input is a 400 naming the field.
 */
interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  json: Record<string, unknown>;
}

const LIMITS = {
  TOKEN_RATE_LIMIT_PER_ADDRESS_PER_MINUTE: '20',
  TOKEN_BACKOFF_FREE_FAILURES: '3',
  TOKEN_BACKOFF_MAX_SECONDS: '2',
  TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE: '1000',
};

describe('the queue dashboard and the token endpoint (end to end)', () => {
  const env = new IsolatedEnvironment('operator');
  let stack: Stack | undefined;
  let api: TestClient;
  let port: number;
  let owner: PgClient;
  // Every test speaks from loopback addresses of its own (127.0.0.0/8 all reach the api).
  let nextHost = 10;
  const newAddress = () => `127.0.${Math.floor(nextHost / 250)}.${(nextHost++ % 250) + 2}`;

  /** A request from a chosen source address (the socket's own, not a header). */
  const send = (path: string, options: { from?: string; body?: string; headers?: Record<string, string>; method?: string } = {}): Promise<Answer> =>
    new Promise((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, path, method: options.method ?? 'POST', localAddress: options.from, headers: { ...(options.body !== undefined ? { 'Content-Length': Buffer.byteLength(options.body) } : {}), ...options.headers } },
        (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => (text += chunk));
          res.on('end', () => {
            let json: Record<string, unknown> = {};
            try {
              json = JSON.parse(text) as Record<string, unknown>;
            } catch {
              // HTML (the dashboard) or empty
            }
            resolve({ status: res.statusCode ?? 0, headers: res.headers, text, json });
          });
        },
      );
      req.on('error', reject);
      if (options.body !== undefined) req.write(options.body);
      req.end();
    });
  const form = (fields: Record<string, string>) => Object.entries(fields).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const token = (from: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
    send('/auth/token', { from, body: form({ grant_type: 'client_credentials', ...fields }), headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  const rawToken = (from: string, body: string, headers: Record<string, string> = {}) =>
    send('/auth/token', { from, body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });
  const UWV = { client_id: 'uwv-system', client_secret: 'dev-secret-uwv-system' };
  const WRONG = { client_id: 'uwv-system', client_secret: 'wrong-secret' };

  beforeAll(async () => {
    stack = await startStack(env, { env: LIMITS });
    ({ owner, client: api } = stack);
    port = Number(new URL(api.baseUrl).port);
  });
  afterAll(async () => {
    await stack?.close();
  });

  describe('class 5: the queue dashboard is for the platform operator only', () => {
    const dashboard = (authorization?: string) => send('/admin/queues', { method: 'GET', headers: authorization ? { Authorization: authorization } : {} });
    const caseIds = async () => (await owner.query<{ id: string }>(`SELECT id FROM handoffs UNION ALL SELECT id FROM referrals`)).rows.map((r) => r.id);

    beforeAll(async () => {
      // A case, so that the queues hold jobs that name it.
      const org = async (slug: string) => (await owner.query<{ id: string }>(`SELECT id FROM organisations WHERE slug = $1`, [slug])).rows[0].id;
      const res = await api.graphql(
        `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        { input: { citizen: { bsn: '111222333', name: 'Dashboard Test' }, toOrganisationId: await org('uwv'), topic: 'WERK', summary: 'Voor het wachtrijoverzicht.', consent: { given: true, method: 'MONDELING' } } },
        await api.devToken('balie@tilburg.demo'),
      );
      expect(res.errors).toBeUndefined();
      // The platform operator: granted by hand, as the runbook says; no seed gives the role.
      await owner.query(
        `INSERT INTO employees (organisation_id, username, display_name, roles) VALUES ($1, 'operator@tilburg.demo', 'Platformbeheerder', ARRAY['OPERATOR']::employee_role[])`,
        [await org('tilburg')],
      );
    });

    it('gives no seeded employee the role OPERATOR', async () => {
      expect((await owner.query(`SELECT username FROM employees WHERE 'OPERATOR' = ANY (roles) AND username <> 'operator@tilburg.demo'`)).rows).toEqual([]);
    });

    it('refuses anonymous callers, every role of an organisation (BEHEERDER included) and machine clients with any scope, showing no case id', async () => {
      const ids = await caseIds();
      expect(ids.length).toBeGreaterThan(0);
      const refusals: Answer[] = [await dashboard(), await dashboard('Bearer garbage')];
      for (const who of ['beheer@tilburg.demo', 'beheer@uwv.demo', 'balie@tilburg.demo', 'behandelaar@uwv.demo', 'coordinator@uwv.demo', 'secretaris@tilburg.demo', 'beleid@uwv.demo']) {
        refusals.push(await dashboard(`Bearer ${await api.devToken(who)}`));
      }
      const machine = await token(newAddress(), UWV); // every scope, webhooks:manage (BEHEERDER-like) included
      expect(machine.status).toBe(200);
      refusals.push(await dashboard(`Bearer ${String(machine.json.access_token)}`));
      for (const path of ['/admin/queues/api/queues', '/admin/queues/api/queues?activeQueue=follow-ups&status=completed']) {
        refusals.push(await send(path, { method: 'GET', headers: { Authorization: `Bearer ${await api.devToken('beheer@uwv.demo')}` } }));
        refusals.push(await send(path, { method: 'GET', headers: { Authorization: `Bearer ${String(machine.json.access_token)}` } }));
      }
      expect(refusals.map((r) => r.status)).toEqual([401, 401, ...Array(refusals.length - 2).fill(403)]);
      for (const refusal of refusals) {
        expect(refusal.headers['cache-control']).toBe('no-store');
        for (const id of ids) expect(refusal.text).not.toContain(id);
      }
      expect(refusals[2].json).toMatchObject({ code: 'FORBIDDEN', detail: expect.stringContaining('platformbeheerder') });
    });

    it('shows the dashboard and its jobs to the platform operator', async () => {
      const operator = `Bearer ${await api.devToken('operator@tilburg.demo')}`;
      const page = await dashboard(operator);
      expect(page.status).toBe(200);
      expect(page.text).toMatch(/<html/i);
      const queues = await send('/admin/queues/api/queues', { method: 'GET', headers: { Authorization: operator } });
      expect(queues.status).toBe(200);
      expect(queues.json).toHaveProperty('queues');
    });
  });

  describe('class 6: token endpoint limits', () => {
    it('lets a correct secret through from another address after more wrong secrets than the old per-client limit (30)', async () => {
      for (let i = 0; i < 12; i++) {
        const from = newAddress();
        for (let j = 0; j < 3; j++) expect((await token(from, WRONG)).status).toBe(401);
      }
      const ok = await token(newAddress(), UWV);
      expect(ok.status).toBe(200);
      expect(ok.json).toMatchObject({ token_type: 'Bearer', access_token: expect.any(String) });
    });

    it('backs off one client_id + address after wrong secrets, briefly, and only there', async () => {
      const from = newAddress();
      for (let i = 0; i < 3; i++) expect((await token(from, WRONG)).status).toBe(401);
      expect((await token(from, WRONG)).status).toBe(401); // the 4th failure starts a 1 s back-off
      const blocked = await token(from, UWV); // the right secret too, but only until the back-off ends
      const blockedAt = Date.now();
      expect(blocked.status).toBe(429);
      expect(blocked.json).toMatchObject({ error: 'slow_down' });
      expect(Number(blocked.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      expect(Number(blocked.headers['retry-after'])).toBeLessThanOrEqual(2); // TOKEN_BACKOFF_MAX_SECONDS
      expect((await token(newAddress(), UWV)).status).toBe(200); // elsewhere: not affected
      expect((await token(from, { client_id: 'svb-system', client_secret: 'dev-secret-svb-system' })).status).toBe(200); // another client from here: not affected
      // Time must pass: as long as Retry-After said (1 s back-off, so 1 or 2 s), and no longer.
      await new Promise((r) => setTimeout(r, Math.max(0, blockedAt + Number(blocked.headers['retry-after']) * 1000 + 100 - Date.now())));
      expect((await token(from, UWV)).status).toBe(200); // the back-off is over, and success forgets the failures
      expect((await token(from, WRONG)).status).toBe(401);
    });

    it('limits every source address, unknown client ids included, and ignores a spoofed X-Forwarded-For', async () => {
      const from = newAddress();
      const answers: Answer[] = [];
      for (let i = 0; i < 21; i++) answers.push(await token(from, { client_id: `made-up-${i}`, client_secret: 'whatever' }, { 'X-Forwarded-For': `10.0.0.${i}` }));
      expect(answers.slice(0, 20).map((a) => a.status)).toEqual(Array(20).fill(401));
      expect(answers[20].status).toBe(429);
      expect(answers[20].json).toMatchObject({ error: 'slow_down' });
      expect(Number(answers[20].headers['retry-after'])).toBeGreaterThan(0);
      expect((await token(from, UWV)).status).toBe(429); // the address is spent, whatever it asks
      expect((await token(newAddress(), UWV)).status).toBe(200);
    });

    it('answers an unknown client id exactly as a wrong secret', async () => {
      const unknown = await token(newAddress(), { client_id: 'nobody-here', client_secret: 'whatever' });
      const wrong = await token(newAddress(), WRONG);
      expect([unknown.status, unknown.json]).toEqual([wrong.status, wrong.json]);
      expect(unknown.headers['www-authenticate']).toBe(wrong.headers['www-authenticate']);
    });

    describe('overall', () => {
      let small: INestApplication;
      let smallPort: number;
      beforeAll(async () => {
        const saved = { ...process.env };
        Object.assign(process.env, { TOKEN_RATE_LIMIT_GLOBAL_PER_MINUTE: '5', REDIS_PREFIX: `${env.redisPrefix}-global` });
        try {
          small = await createApiApp();
          smallPort = Number(new URL((await TestClient.listen(small)).baseUrl).port);
        } finally {
          process.env = saved;
        }
      });
      afterAll(() => small?.close());

      it('limits all token requests together, whichever address and client id', async () => {
        const statuses: number[] = [];
        for (let i = 0; i < 6; i++) {
          const saved = port;
          port = smallPort;
          try {
            statuses.push((await token(newAddress(), { client_id: `spray-${i}`, client_secret: 'x' })).status);
          } finally {
            port = saved;
          }
        }
        expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
      });
    });
  });

  describe('class 2 (token endpoints): malformed input is a 400 naming the field, never a 500, never echoed', () => {
    const basic = (raw: string) => `Basic ${Buffer.from(raw, 'utf8').toString('base64')}`;

    it.each([
      ['malformed percent-encoding in HTTP Basic', 'grant_type=client_credentials', basic('uwv-system:%E0%A4%A'), 'client_secret'],
      ['NUL in HTTP Basic', 'grant_type=client_credentials', basic('uwv%00system:secret'), 'client_id'],
      ['HTTP Basic that is not UTF-8', 'grant_type=client_credentials', `Basic ${Buffer.from([0xff, 0x25, 0x3a, 0x25]).toString('base64')}`, 'UTF-8'],
      ['NUL in the form body', 'grant_type=client_credentials&client_id=uwv%00system&client_secret=x', undefined, 'client_id'],
      ['malformed percent-encoding in the form body', 'grant_type=client_credentials&client_id=uwv-system&client_secret=%E0%A4%A', undefined, 'client_secret'],
      ['NUL in the form scope', `grant_type=client_credentials&client_id=uwv-system&client_secret=dev-secret-uwv-system&scope=handoffs%3Aread%00`, undefined, 'scope'],
    ])('POST /auth/token: %s', async (_what, body, authorization, field) => {
      const res = await rawToken(newAddress(), body, authorization ? { Authorization: authorization } : {});
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining(field) });
      for (const sent of ['%E0', 'uwv%00', '\u0000', 'uwv-system:']) expect(res.text).not.toContain(sent);
    });

    it('POST /auth/token with NUL in a JSON body', async () => {
      const res = await send('/auth/token', { from: newAddress(), body: JSON.stringify({ grant_type: 'client_credentials', client_id: 'uwv\u0000system', client_secret: 'x' }), headers: { 'Content-Type': 'application/json' } });
      expect(res.status).toBe(400);
      expect(res.json).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('client_id') });
    });

    it.each([
      ['NUL', 'balie\u0000@tilburg.demo'],
      ['a control character', 'balie@tilburg.demo\u001b'],
      ['a lone surrogate', 'balie\ud800@tilburg.demo'],
      ['an overlong name', `${'b'.repeat(400)}@tilburg.demo`],
    ])('POST /auth/dev/token with %s in the username', async (_what, username) => {
      const res = await api.post('/auth/dev/token', { username });
      expect(res.status).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      const body = await res.json();
      expect(body).toMatchObject({ status: 400, code: 'BAD_USER_INPUT', field: 'username', title: expect.stringContaining('username') });
      expect(JSON.stringify(body)).not.toContain('tilburg');
    });
  });
});

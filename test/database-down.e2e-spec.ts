import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { TestClient } from '@schakel/testing';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';

/**
 * PostgreSQL is the source of truth: while it is unreachable a request gets SERVICE_UNAVAILABLE
 * (retry later), never an internal error or a half-written case, and nothing the citizen typed
 * appears in the answer. Once the database is back, the same request (same idempotency key)
 * writes the referral exactly once.
 */
describe('API with PostgreSQL unreachable', () => {
  const env = new IsolatedEnvironment('dbdown');
  let app: INestApplication;
  let api: TestClient;
  let admin: Client;
  const database = () => new URL(env.ownerUrl).pathname.slice(1);

  const setConnections = async (allowed: boolean) => {
    await admin.query(`ALTER DATABASE "${database()}" ALLOW_CONNECTIONS ${allowed}`);
    if (!allowed) await admin.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [database()]);
  };

  beforeAll(async () => {
    await env.setUp();
    admin = new Client({ connectionString: env.ownerUrl.replace(/\/[^/]+$/, '/postgres') });
    await admin.connect();
    app = await createApiApp();
    api = await TestClient.listen(app);
  });
  afterAll(async () => {
    await setConnections(true).catch(() => undefined);
    await app.close();
    await admin.end();
    await env.tearDown();
  });

  it('answers SERVICE_UNAVAILABLE while the database is away, and the retry writes the referral once', async () => {
    const token = await api.devToken('balie@tilburg.demo');
    const orgs = await api.graphql<{ organisations: Array<{ id: string }> }>(`{ organisations(kind: UWV) { id } }`, {}, token);
    const refer = () =>
      api.graphql<{ createReferral: { id: string } }>(
        `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        {
          input: {
            citizen: { bsn: '111222333', name: 'Fatima Zonder Database', phone: '0612345678' },
            toOrganisationId: orgs.data!.organisations[0].id,
            topic: 'WERK',
            summary: 'De database is even weg; probeer het zo opnieuw.',
            consent: { given: true, method: 'MONDELING' },
            idempotencyKey: 'database-down-1',
          },
        },
        token,
      );

    await setConnections(false);
    try {
      const refused = await refer();
      expect(refused.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(JSON.stringify(refused)).not.toMatch(/Fatima|0612345678|111222333/);
    } finally {
      await setConnections(true);
    }

    const owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    try {
      expect((await owner.query(`SELECT 1 FROM referrals WHERE idempotency_key = 'database-down-1'`)).rowCount).toBe(0);
      // The pool reconnects by itself; the client's retry (same key) goes through, once.
      let accepted: Awaited<ReturnType<typeof refer>> | undefined;
      for (let attempt = 0; attempt < 20 && !accepted?.data; attempt++) {
        accepted = await refer();
        if (!accepted.data) await new Promise((r) => setTimeout(r, 250));
      }
      expect(accepted?.errors).toBeUndefined();
      expect((await refer()).data?.createReferral.id).toBe(accepted!.data!.createReferral.id);
      expect((await owner.query(`SELECT 1 FROM referrals WHERE idempotency_key = 'database-down-1'`)).rowCount).toBe(1);
    } finally {
      await owner.end();
    }
  });
});

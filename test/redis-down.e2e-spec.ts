import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { freePort, TestClient } from '@schakel/testing';
import { Client } from 'pg';

/**
 * Guarantee 1: Redis being down delays follow-ups, it never fails the user's request. The API
 * runs against a Redis address where nothing listens; referrals still go through, their
 * follow-ups wait in the outbox, and readiness stays up (Redis reported as degraded).
 */
describe('API with Redis down', () => {
  let app: INestApplication;
  let api: TestClient;
  const saved = { ...process.env };

  beforeAll(async () => {
    process.env.REDIS_URL = `redis://127.0.0.1:${await freePort()}`;
    app = await createApiApp();
    api = await TestClient.listen(app);
  });
  afterAll(async () => {
    await app.close();
    process.env = saved;
  });

  it('still signs in, refers a citizen and writes the outbox row', async () => {
    const token = await api.devToken('balie@tilburg.demo');
    const orgs = await api.graphql<{ organisations: Array<{ id: string; name: string }> }>(`{ organisations(kind: UWV) { id name } }`, {}, token);
    const res = await api.graphql<{ createReferral: { id: string; currentHandoff: { id: string; status: string } } }>(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id status } } }`,
      {
        input: {
          citizen: { bsn: '111222333', name: 'Zonder Redis' },
          toOrganisationId: orgs.data!.organisations[0].id,
          topic: 'WERK',
          summary: 'Redis ligt eruit; de verwijzing moet toch lukken.',
          consent: { given: true, method: 'MONDELING' },
        },
      },
      token,
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!.createReferral.currentHandoff.status).toBe('REQUESTED');

    const owner = new Client({ connectionString: process.env.DATABASE_OWNER_URL });
    await owner.connect();
    try {
      const { rows } = await owner.query(`SELECT topic, sent_at FROM outbox WHERE aggregate_id = $1`, [res.data!.createReferral.currentHandoff.id]);
      expect(rows).toEqual([{ topic: 'handoff.requested', sent_at: null }]);
    } finally {
      await owner.end();
    }
  });

  it('stays ready, reporting Redis as degraded', async () => {
    const res = await fetch(`${api.baseUrl}/health/ready`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'down' } }, degraded: ['redis'] });
  });
});

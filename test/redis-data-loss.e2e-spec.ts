import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { deleteKeys, QueueName } from '@schakel/platform';
import { currentTestEnvironment, eventually, TestClient } from '@schakel/testing';
import { WorkerHealthServer } from '@schakel/worker';
import type { Queue } from 'bullmq';
import type { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * PostgreSQL is the source of truth for follow-ups (issue 9, class 8): Redis loses every key of
 * this run's prefix (as a restart without persistence would, but only ours: the Redis is shared)
 * while jobs are waiting, delayed and in backoff, and referrals keep coming. With no one touching
 * anything afterwards, every follow-up still happens exactly once: the new-referral notification,
 * the deadline and its escalation, and each webhook delivery; and the worker becomes ready again.
 */
describe('Redis loses its data mid-load', () => {
  const env = new IsolatedEnvironment('redisloss');
  let stack: Stack | undefined;
  let worker: INestApplicationContext;
  let client: TestClient;
  let owner: Client;
  let receiver: Server;
  /** Every POST the partner got: event id (Idempotency-Key) and the answer. */
  const received: Array<{ key: string; answered: number }> = [];
  const orgs: Record<string, string> = {};

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        // The first attempt of each event fails, so deliveries wait in backoff when Redis loses them.
        const answered = body.includes('"kanaal":"test"') || received.some((r) => r.key === key) ? 204 : 500;
        received.push({ key, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    stack = await startStack(env, {
      env: { OUTBOX_POLL_INTERVAL_MS: '200', FOLLOW_UPS_SWEEP_INTERVAL_MS: '1000', WEBHOOK_ATTEMPTS: '6', WEBHOOK_BACKOFF_MS: '3000' },
      // UWV must accept ZORG referrals within 10 seconds: long enough to lose the delayed checks first.
      seed: (db, ids) =>
        db.query(
          `INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit, source)
           VALUES ($1, 'ZORG', 'NORMAAL', 10, 'SECONDS', 3, 'WORKING_DAYS', 'TEST')`,
          [ids.uwv],
        ).then(() => undefined),
    });
    ({ owner, client } = stack);
    worker = await stack.startWorker();
    Object.assign(orgs, stack.orgs);
  });

  afterAll(async () => {
    await stack?.close();
    await new Promise((r) => receiver.close(r));
  });

  const refer = async (token: string): Promise<string> => {
    const res = await client.graphql<{ createReferral: { currentHandoff: { id: string } } }>(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { currentHandoff { id } } }`,
      { input: { citizen: { bsn: '111222333', name: 'Redis Kwijt' }, toOrganisationId: orgs.uwv, topic: 'ZORG', summary: 'Redis verliest alles.', consent: { given: true, method: 'MONDELING' } } },
      token,
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return res.data!.createReferral.currentHandoff.id;
  };
  const rows = async <T>(sql: string, params: unknown[] = []): Promise<T[]> => (await owner.query(sql, params)).rows;

  it('still does every follow-up exactly once, by itself', async () => {
    const balie = await client.devToken('balie@tilburg.demo');
    const beheer = await client.devToken('beheer@uwv.demo');
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/uwv`;
    const sub = await client.graphql(`mutation ($u: String!) { createWebhookSubscription(input: { callbackUrl: $u, channels: ["handoffs"] }) { secret } }`, { u: receiverUrl }, beheer);
    expect(sub.errors).toBeUndefined();

    // Wave 1 is processed: deadlines set (their checks delayed in Redis), deliveries in backoff.
    const wave1 = [await refer(balie), await refer(balie), await refer(balie)];
    await eventually(async () => {
      const [{ n }] = await rows<{ n: number }>(`SELECT count(*)::int AS n FROM handoffs WHERE id = ANY($1) AND accept_due_at IS NOT NULL`, [wave1]);
      const [{ d }] = await rows<{ d: number }>(`SELECT count(*)::int AS d FROM webhook_deliveries WHERE attempts >= 1 AND status = 'PENDING'`);
      return n === 3 && d === 3;
    }, 60_000);

    // Wave 2 is relayed but not processed: the queues are paused (a pause Redis forgets too).
    const followUps = worker.get<Queue>(getQueueToken(QueueName.FollowUps));
    const webhooks = worker.get<Queue>(getQueueToken(QueueName.Webhooks));
    await followUps.pause();
    await webhooks.pause();
    const wave2 = [await refer(balie), await refer(balie), await refer(balie)];
    await eventually(async () => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE sent_at IS NULL`))[0].n === 0, 60_000);

    // Redis loses everything of this run, while wave 3 comes in.
    const [, ...wave3] = await Promise.all([deleteKeys(currentTestEnvironment().redisUrl, `${env.redisPrefix}:*`), refer(balie), refer(balie)]);
    const handoffs = [...wave1, ...wave2, ...wave3];

    // Each handoff: its deadline set and escalated once, one ESCALATED event on the timeline.
    const escalated = await eventually(async () => {
      const found = await rows<{ id: string; escalation_level: number }>(`SELECT id, escalation_level FROM handoffs WHERE id = ANY($1) AND overdue`, [handoffs]);
      return found.length === handoffs.length ? found : undefined;
    }, 120_000);
    expect(escalated.every((h) => h.escalation_level === 1)).toBe(true);
    // Every event processed, none left behind: the outbox is done only when its effects are.
    await eventually(async () => (await rows<{ n: number }>(`SELECT count(*)::int AS n FROM outbox WHERE processed_at IS NULL`))[0].n === 0, 60_000);
    // Every delivery (requested and escalated, per handoff) delivered.
    const deliveries = await eventually(async () => {
      const found = await rows<{ event_id: string; status: string }>(`SELECT event_id, status FROM webhook_deliveries`);
      return found.length === 2 * handoffs.length && found.every((d) => d.status === 'DELIVERED') ? found : undefined;
    }, 120_000);

    const timeline = await rows<{ handoff_id: string; n: number }>(
      `SELECT handoff_id, count(*)::int AS n FROM timeline_events WHERE type = 'ESCALATED' AND handoff_id = ANY($1) GROUP BY handoff_id`,
      [handoffs],
    );
    expect(timeline).toHaveLength(handoffs.length);
    expect(timeline.every((t) => t.n === 1)).toBe(true);
    // Notifications: per handoff, each recipient told once of the referral and once of the escalation.
    const notes = await rows<{ handoff_id: string; type: string; recipient_id: string; n: number }>(
      `SELECT handoff_id, type, recipient_id, count(*)::int AS n FROM notifications WHERE handoff_id = ANY($1) GROUP BY 1, 2, 3`,
      [handoffs],
    );
    expect(notes.every((n) => n.n === 1)).toBe(true);
    for (const id of handoffs) {
      expect(notes.filter((n) => n.handoff_id === id && n.type === 'NEW_HANDOFF').length).toBeGreaterThan(0);
      expect(notes.filter((n) => n.handoff_id === id && n.type === 'ESCALATION').length).toBeGreaterThan(0);
    }
    // The partner got each event with a 2xx exactly once (only the failed first attempt repeats).
    for (const { event_id } of deliveries) {
      const answers = await eventually(async () => {
        const found = received.filter((r) => r.key === event_id);
        return found.some((r) => r.answered === 204) ? found : undefined;
      });
      expect(answers.filter((r) => r.answered === 204)).toHaveLength(1);
    }

    // The heartbeat schedule came back with the sweep, so the worker is ready again.
    const base = `http://127.0.0.1:${worker.get(WorkerHealthServer).port}`;
    await eventually(async () => (await fetch(`${base}/health/ready`)).status === 200, 60_000);
  }, 300_000);
});

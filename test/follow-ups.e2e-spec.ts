import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { deadlineJobId, verifyWebhookSignature } from '@schakel/follow-ups';
import { QueueName, type RelayedEvent } from '@schakel/platform';
import { eventually, TestClient } from '@schakel/testing';
import type { Queue } from 'bullmq';
import { createClient } from 'graphql-ws';
import type { Client } from 'pg';
import WebSocket from 'ws';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type Stack, startStack } from './support/stack';

/**
 * Follow-ups end to end: API and worker against a database of their own, with response norms
 * short enough to escalate within the test, and a local partner receiving webhooks.
 */
interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}


describe('follow-ups (end to end)', () => {
  const env = new IsolatedEnvironment('followups');
  let stack: Stack | undefined;
  let worker: INestApplicationContext;
  let client: TestClient;
  let owner: Client;
  let receiver: Server;
  let receiverUrl: string;
  const received: Received[] = [];
  /** path → how many more requests to fail with 500 (negative: fail forever). */
  const failures = new Map<string, number>();
  const orgs: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const token = async (u: string) => (tokens[u] ??= await client.devToken(u));
  const gql = async <T = Record<string, unknown>>(who: string, query: string, variables: Record<string, unknown> = {}) => client.graphql<T>(query, variables, await token(who));

  const refer = async (to: string, topic: string, who = 'balie@tilburg.demo'): Promise<{ referralId: string; handoffId: string }> => {
    const res = await gql<{ createReferral: { id: string; currentHandoff: { id: string } } }>(
      who,
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id currentHandoff { id } } }`,
      {
        input: {
          citizen: { bsn: '111222333', name: 'Follow Up' },
          toOrganisationId: orgs[to],
          topic,
          summary: 'Test van de opvolging.',
          consent: { given: true, method: 'MONDELING' },
        },
      },
    );
    if (res.errors) throw new Error(JSON.stringify(res.errors));
    return { referralId: res.data!.createReferral.id, handoffId: res.data!.createReferral.currentHandoff.id };
  };

  const handoff = async (who: string, id: string) =>
    (await gql<{ handoff: { status: string; version: number; overdue: boolean; escalationLevel: number; dueAt: string | null } }>(who, `query ($id: ID!) { handoff(id: $id) { status version overdue escalationLevel dueAt } }`, { id })).data?.handoff;

  const notifications = async (who: string) =>
    (await gql<{ notifications: { unreadCount: number; edges: Array<{ node: { id: string; type: string; handoffId: string; message: string; read: boolean } }> } }>(
      who,
      `{ notifications(first: 100) { unreadCount edges { node { id type handoffId message read } } } }`,
    )).data!.notifications;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const path = req.url ?? '/';
        const left = failures.get(path) ?? 0;
        const isEvent = !body.includes('"kanaal":"test"');
        const answered = isEvent && left !== 0 ? 500 : 204;
        if (answered === 500) failures.set(path, left - 1);
        received.push({ path, headers: req.headers, body, answered });
        res.writeHead(answered).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;

    stack = await startStack(env, {
      env: { WEBHOOK_ATTEMPTS: '3', WEBHOOK_BACKOFF_MS: '100', OUTBOX_POLL_INTERVAL_MS: '200' },
      // Norms short enough for a test: UWV must accept ZORG referrals within 2 seconds.
      seed: (db, ids) =>
        db.query(
          `INSERT INTO response_norms (organisation_id, topic, urgency, accept_amount, accept_unit, contact_amount, contact_unit, source)
           VALUES ($1, 'ZORG', 'NORMAAL', 2, 'SECONDS', 3, 'WORKING_DAYS', 'TEST')`,
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

  it('escalates a handoff nobody accepted: overdue, level 1, coordinators and sender told, on the timeline', async () => {
    const { referralId, handoffId } = await refer('uwv', 'ZORG');
    const seen = await eventually(async () => {
      const h = await handoff('coordinator@uwv.demo', handoffId);
      return h?.overdue ? h : undefined;
    });
    expect(seen).toMatchObject({ status: 'REQUESTED', overdue: true, escalationLevel: 1 });
    expect(seen.dueAt).not.toBeNull();

    const atCoordinator = await eventually(async () => (await notifications('coordinator@uwv.demo')).edges.find((e) => e.node.handoffId === handoffId && e.node.type === 'ESCALATION'));
    expect(atCoordinator.node.message).toMatch(/UWV/);
    await eventually(async () => (await notifications('balie@tilburg.demo')).edges.find((e) => e.node.handoffId === handoffId && e.node.type === 'ESCALATION'));
    // A behandelaar (no coordinator) is not bothered with escalations.
    expect((await notifications('behandelaar@uwv.demo')).edges.some((e) => e.node.handoffId === handoffId && e.node.type === 'ESCALATION')).toBe(false);

    const overdueOnly = await gql<{ handoffs: { edges: Array<{ node: { id: string } }> } }>('coordinator@uwv.demo', `{ handoffs(direction: INCOMING, overdue: true, first: 100) { edges { node { id } } } }`);
    expect(overdueOnly.data!.handoffs.edges.map((e) => e.node.id)).toContain(handoffId);
    const timeline = await gql<{ referral: { timeline: Array<{ type: string }> } }>('balie@tilburg.demo', `query ($id: ID!) { referral(id: $id) { timeline { type } } }`, { id: referralId });
    expect(timeline.data!.referral.timeline.map((t) => t.type)).toContain('ESCALATED');
  });

  it('does not escalate a handoff accepted in time, and starts the first-contact clock in working days', async () => {
    const { handoffId } = await refer('uwv', 'ZORG');
    const acceptBy = await eventually(async () => (await handoff('behandelaar@uwv.demo', handoffId))?.dueAt);
    const accepted = await gql('behandelaar@uwv.demo', `mutation ($id: ID!) { acceptHandoff(id: $id, input: { expectedVersion: 1 }) { status } }`, { id: handoffId });
    expect(accepted.errors).toBeUndefined();
    const withContactDeadline = await eventually(async () => {
      const h = await handoff('behandelaar@uwv.demo', handoffId);
      return h?.status === 'ACCEPTED' && h.dueAt ? h : undefined;
    });
    expect(new Date(withContactDeadline.dueAt!).getTime()).toBeGreaterThan(Date.now() + 24 * 3600 * 1000);
    // The acceptance deadline (2 s) has passed and its check is no longer pending (removed at the
    // acceptance, or run and found nothing open): nothing can escalate the accepted step now.
    const queue = worker.get<Queue>(getQueueToken(QueueName.FollowUps));
    await eventually(async () => {
      if (Date.now() <= new Date(acceptBy).getTime()) return false;
      const check = await queue.getJob(deadlineJobId(handoffId, 'ACCEPT', 1));
      return !check || (await check.isCompleted()) || (await check.isFailed());
    });
    expect(await handoff('behandelaar@uwv.demo', handoffId)).toMatchObject({ overdue: false, escalationLevel: 0 });
  });

  it('closes the loop: the sender is told when the receiver accepts, and can mark it read', async () => {
    const { handoffId } = await refer('svb', 'INKOMEN', 'behandelaar@tilburg.demo');
    await gql('coordinator@svb.demo', `mutation ($id: ID!) { acceptHandoff(id: $id, input: { expectedVersion: 1 }) { status } }`, { id: handoffId });
    const note = await eventually(async () => (await notifications('behandelaar@tilburg.demo')).edges.find((e) => e.node.handoffId === handoffId && e.node.type === 'ACCEPTED'));
    expect(note.node).toMatchObject({ read: false, message: expect.stringContaining('Sociale Verzekeringsbank') });
    const marked = await gql<{ markNotificationsRead: Array<{ id: string; read: boolean }> }>('behandelaar@tilburg.demo', `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id read } }`, { ids: [note.node.id] });
    expect(marked.data!.markNotificationsRead).toEqual([{ id: note.node.id, read: true }]);
    // Someone else's id is ignored, not an error and not a leak.
    const other = await gql<{ markNotificationsRead: unknown[] }>('balie@svb.demo', `mutation ($ids: [ID!]!) { markNotificationsRead(ids: $ids) { id } }`, { ids: [note.node.id] });
    expect(other.data!.markNotificationsRead).toEqual([]);
    const unread = await gql<{ notifications: { edges: Array<{ node: { id: string } }> } }>('behandelaar@tilburg.demo', `{ notifications(unreadOnly: true, first: 100) { edges { node { id } } } }`);
    expect(unread.data!.notifications.edges.map((e) => e.node.id)).not.toContain(note.node.id);
  });

  it('delivers notifications live over graphql-ws, and refuses a connection without a token', async () => {
    const wsUrl = client.baseUrl.replace('http', 'ws') + '/graphql';
    const ws = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${await token('coordinator@tilburg.demo')}` }, retryAttempts: 0 });
    const got: Array<{ type: string; handoffId: string }> = [];
    const subscribed = new Promise<void>((resolve, reject) => {
      ws.subscribe<{ notificationAdded: { type: string; handoffId: string } }>(
        { query: `subscription { notificationAdded { type handoffId } }` },
        { next: (m) => m.data && got.push(m.data.notificationAdded), error: reject, complete: () => undefined },
      );
      setTimeout(resolve, 500);
    });
    await subscribed;
    const { handoffId } = await refer('belastingdienst', 'BELASTINGEN', 'coordinator@tilburg.demo');
    await gql('behandelaar@belastingdienst.demo', `mutation ($id: ID!) { receiveHandoff(id: $id, input: { expectedVersion: 1 }) { status } }`, { id: handoffId });
    const live = await eventually(async () => got.find((n) => n.handoffId === handoffId));
    expect(live.type).toBe('RECEIVED');
    await ws.dispose();

    const anonymous = createClient({ url: wsUrl, webSocketImpl: WebSocket, retryAttempts: 0 });
    const refused = await new Promise<unknown>((resolve) => {
      anonymous.subscribe({ query: `subscription { notificationAdded { id } }` }, { next: () => undefined, error: resolve, complete: () => resolve('completed') });
    });
    expect(refused).not.toBe('completed');
    await anonymous.dispose();
  });

  it("tells the receiver's behandelaars and coördinatoren of a new referral, live and once, and not its balie", async () => {
    const wsUrl = client.baseUrl.replace('http', 'ws') + '/graphql';
    const ws = createClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams: { Authorization: `Bearer ${await token('behandelaar@uwv.demo')}` }, retryAttempts: 0 });
    const live: Array<{ type: string; handoffId: string; message: string }> = [];
    await new Promise<void>((resolve, reject) => {
      ws.subscribe<{ notificationAdded: { type: string; handoffId: string; message: string } }>(
        { query: `subscription { notificationAdded { type handoffId message } }` },
        { next: (m) => m.data && live.push(m.data.notificationAdded), error: reject, complete: () => undefined },
      );
      setTimeout(resolve, 500);
    });
    const { referralId, handoffId } = await refer('uwv', 'WERK');
    const expected = 'Nieuwe doorverwijzing van Gemeente Tilburg over Werk.';
    const newHandoff = (who: string) => async () => (await notifications(who)).edges.filter((e) => e.node.handoffId === handoffId && e.node.type === 'NEW_HANDOFF');

    for (const who of ['behandelaar@uwv.demo', 'coordinator@uwv.demo']) {
      const [note] = await eventually(async () => {
        const found = await newHandoff(who)();
        return found.length > 0 ? found : undefined;
      });
      expect(note.node).toMatchObject({ read: false, message: expected });
    }
    expect(await eventually(() => live.find((n) => n.handoffId === handoffId && n.type === 'NEW_HANDOFF'))).toEqual({ type: 'NEW_HANDOFF', handoffId, message: expected });
    await ws.dispose();
    // Stored for both in one statement: whoever lacks it now is not a recipient.
    for (const who of ['balie@uwv.demo', 'beheer@uwv.demo', 'balie@tilburg.demo']) expect(await newHandoff(who)()).toEqual([]);

    // At-least-once delivery: the same outbox event processed again tells nobody twice.
    const { rows } = await owner.query(
      `SELECT id, topic, aggregate_type AS "aggregateType", aggregate_id AS "aggregateId", payload, created_at AS "createdAt"
         FROM outbox WHERE aggregate_id = $1 AND topic = 'handoff.requested'`,
      [handoffId],
    );
    const event: RelayedEvent = { outboxId: rows[0].id, topic: rows[0].topic, aggregateType: rows[0].aggregateType, aggregateId: rows[0].aggregateId, occurredAt: rows[0].createdAt.toISOString(), payload: rows[0].payload };
    const redelivered = await worker.get<Queue>(getQueueToken(QueueName.FollowUps)).add('event', event, { jobId: `redelivery.${event.outboxId}` });
    await eventually(async () => (await redelivered.getState()) === 'completed');
    const stored = await owner.query(`SELECT count(*)::int AS n FROM notifications WHERE handoff_id = $1 AND type = 'NEW_HANDOFF'`, [handoffId]);
    expect(stored.rows[0].n).toBe(2);
    expect(await newHandoff('behandelaar@uwv.demo')()).toHaveLength(1);

    // A forward makes a new REQUESTED link: now the next organisation's people hear of it.
    const forwarded = await gql(
      'behandelaar@uwv.demo',
      `mutation ($id: ID!, $to: ID!) { forwardHandoff(id: $id, input: { expectedVersion: 1, toOrganisationId: $to, reason: "Hoort bij de SVB.", consent: { given: true, method: MONDELING } }) { status } }`,
      { id: handoffId, to: orgs.svb },
    );
    expect(forwarded.errors).toBeUndefined();
    const chain = await gql<{ referral: { currentHandoff: { id: string } } }>('behandelaar@uwv.demo', `query ($id: ID!) { referral(id: $id) { currentHandoff { id } } }`, { id: referralId });
    const next = chain.data!.referral.currentHandoff.id;
    const atSvb = await eventually(async () => (await notifications('coordinator@svb.demo')).edges.find((e) => e.node.handoffId === next && e.node.type === 'NEW_HANDOFF'));
    expect(atSvb.node.message).toBe('Nieuwe doorverwijzing van UWV over Werk.');
  });

  it('delivers signed webhooks to the chain only, retries failures, lists exhausted deliveries and re-sends them', async () => {
    const subscribe = async (who: string, path: string) => {
      const res = await gql<{ createWebhookSubscription: { secret: string; subscription: { id: string } } }>(
        who,
        `mutation ($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { secret subscription { id channels } } }`,
        { input: { callbackUrl: `${receiverUrl}${path}`, channels: ['handoffs'] } },
      );
      if (res.errors) throw new Error(JSON.stringify(res.errors));
      return res.data!.createWebhookSubscription;
    };
    expect((await gql('behandelaar@uwv.demo', `mutation { createWebhookSubscription(input: { callbackUrl: "${receiverUrl}/x", channels: ["handoffs"] }) { secret } }`)).errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await gql('beheer@uwv.demo', `mutation { createWebhookSubscription(input: { callbackUrl: "http://127.0.0.1:1/nothing", channels: ["handoffs"] }) { secret } }`)).errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');

    const uwv = await subscribe('beheer@uwv.demo', '/uwv');
    const enschede = await subscribe('beheer@enschede.demo', '/enschede');
    expect(received.some((r) => r.path === '/uwv' && r.body.includes('"kanaal":"test"'))).toBe(true);

    failures.set('/uwv', 2); // the partner is down for two attempts, then recovers
    const { handoffId } = await refer('uwv', 'WERK');
    const delivered = await eventually(async () => received.find((r) => r.path === '/uwv' && r.body.includes(handoffId) && r.answered === 204));
    const attempts = received.filter((r) => r.path === '/uwv' && r.body.includes(handoffId) && r.body.includes('"actie":"requested"'));
    expect(attempts.map((a) => a.answered)).toEqual([500, 500, 204]);
    const event = JSON.parse(delivered.body);
    expect(event).toMatchObject({ kanaal: 'handoffs', resource: 'handoff', resourceId: handoffId, actie: 'requested', hoofdObject: expect.stringMatching(/^urn:schakel:referral:/) });
    expect(delivered.headers['idempotency-key']).toBe(event.id);
    expect(verifyWebhookSignature(uwv.secret, delivered.body, String(delivered.headers['schakel-signature']))).toBe(true);
    expect(verifyWebhookSignature(enschede.secret, delivered.body, String(delivered.headers['schakel-signature']))).toBe(false);
    expect(delivered.body).not.toMatch(/111222333|Follow Up/);
    // Enschede is not in this chain: it hears nothing of it.
    expect(received.some((r) => r.path === '/enschede' && r.body.includes(handoffId))).toBe(false);

    // Exhausted: three failures make the delivery FAILED; a retry after the fix delivers it.
    failures.set('/uwv', -1);
    const second = await refer('uwv', 'WERK');
    const failed = await eventually(async () => {
      const res = await gql<{ webhookDeliveries: Array<{ id: string; status: string; attempts: number; lastStatusCode: number }> }>('beheer@uwv.demo', `{ webhookDeliveries(status: FAILED) { id status attempts lastStatusCode } }`);
      return res.data?.webhookDeliveries[0];
    });
    expect(failed).toMatchObject({ status: 'FAILED', attempts: 3, lastStatusCode: 500 });
    expect((await gql('beheer@enschede.demo', `mutation ($id: ID!) { retryWebhookDelivery(id: $id) { id } }`, { id: failed.id })).errors?.[0].extensions?.code).toBe('NOT_FOUND');
    failures.set('/uwv', 0);
    const retried = await gql<{ retryWebhookDelivery: { status: string } }>('beheer@uwv.demo', `mutation ($id: ID!) { retryWebhookDelivery(id: $id) { status } }`, { id: failed.id });
    expect(retried.errors).toBeUndefined();
    expect(retried.data!.retryWebhookDelivery.status).toBe('PENDING');
    await eventually(async () => {
      const res = await gql<{ webhookDeliveries: Array<{ id: string; status: string }> }>('beheer@uwv.demo', `{ webhookDeliveries(status: DELIVERED, first: 100) { id status } }`);
      return res.data?.webhookDeliveries.find((d) => d.id === failed.id);
    });
    expect(received.some((r) => r.path === '/uwv' && r.body.includes(second.handoffId))).toBe(true);
  });
});

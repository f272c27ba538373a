import { EmployeesService, ORGANISATION_ENTITIES, OrganisationsService } from '@schakel/organisations';
import { cloneDatabase, createDataSource, dropDatabase, loadConfig, QueueName, type RelayedEvent, TenantTransactions } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import type { DataSource } from 'typeorm';
import type { DeadlinesService } from '../deadlines/deadlines.service';
import type { ActionListReminderNotifier } from '../notifications/action-list-reminders';
import type { ClosedLoopNotifier } from '../notifications/closed-loop.service';
import { NewHandoffNotifier } from '../notifications/new-handoff.service';
import { NotificationsService } from '../notifications/notifications.service';
import { DeadlineCalculator, TableResponseNorms } from '../norms/response-norms';
import { OutboxStore } from '../outbox/outbox.store';
import { fanOutItems, WebhookDispatch } from '../webhooks/webhook-dispatch';
import { EventBatcher } from './event-batcher';
import { type EventResult, FollowUpBatch } from './follow-up-batch';
import { RequestedDeadlines } from './requested-deadlines';

const env = currentTestEnvironment();
// A database of its own: the assertions count outbox rows, deliveries and notifications.
const ownerUrl = env.ownerUrl.replace(/\/([^/]+)$/, '/$1_batch');
const appUrl = env.appUrl.replace(/\/([^/]+)$/, '/$1_batch');

describe('follow-up batches', () => {
  let owner: DataSource;
  let app: DataSource;
  let redis: Redis;
  let followUps: Queue;
  let webhooks: Queue;
  let batch: FollowUpBatch;
  let perEventCalls: string[];
  const orgs: Record<string, string> = {};
  let balie: string;
  const prefix = `${env.redisPrefix}-batch`;

  beforeAll(async () => {
    await cloneDatabase(env.templateUrl, ownerUrl);
    owner = await createDataSource({ url: ownerUrl, entities: [], poolSize: 2 }).initialize();
    app = await createDataSource({ url: appUrl, entities: [...ORGANISATION_ENTITIES], poolSize: 6 }).initialize();
    const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: prefix });
    const connection = { host: new URL(env.redisUrl).hostname, port: Number(new URL(env.redisUrl).port || 6379) };
    redis = new Redis(env.redisUrl);
    followUps = new Queue(QueueName.FollowUps, { connection, prefix });
    webhooks = new Queue(QueueName.Webhooks, { connection, prefix });
    for (const row of await owner.query(`SELECT id, slug FROM organisations`)) orgs[row.slug] = row.id;
    [{ id: balie }] = await owner.query(`SELECT id FROM employees WHERE username LIKE 'balie@tilburg%'`);
    // UWV listens to the handoffs channel; nobody else subscribes.
    await owner.query(`INSERT INTO webhook_subscriptions (organisation_id, callback_url, channels, secret) VALUES ($1, 'https://partner.example.nl/hook', '{handoffs}', 's')`, [orgs.uwv]);

    const notifications = new NotificationsService(app, new TenantTransactions(app), redis, config);
    perEventCalls = [];
    // The per-event handlers are not under test here; they record that they ran.
    const deadlines = { onAccepted: async (e: RelayedEvent) => void perEventCalls.push(e.outboxId) } as unknown as DeadlinesService;
    const closedLoop = { handles: () => false, onEvent: async () => undefined } as unknown as ClosedLoopNotifier;
    const actionListReminders = { handles: () => false, onEvent: async () => undefined } as unknown as ActionListReminderNotifier;
    batch = new FollowUpBatch(
      app,
      new RequestedDeadlines(new TableResponseNorms(app), new DeadlineCalculator(config)),
      deadlines,
      new NewHandoffNotifier(app, new OrganisationsService(app), new EmployeesService(app), notifications),
      closedLoop,
      actionListReminders,
      notifications,
      new WebhookDispatch(app, config, webhooks),
      new OutboxStore(app),
      followUps,
      redis,
      config,
    );
  });

  afterAll(async () => {
    await followUps.obliterate({ force: true });
    await webhooks.obliterate({ force: true });
    await followUps.close();
    await webhooks.close();
    redis.disconnect();
    await app.destroy();
    await owner.destroy();
    await dropDatabase(ownerUrl);
  });

  /** A REQUESTED handoff from Tilburg's front desk to `to`, with its handoff.requested outbox row, as createReferral leaves them. */
  async function requested(to: string): Promise<RelayedEvent> {
    const [{ rid, hid }] = await owner.query(`SELECT gen_random_uuid() AS rid, gen_random_uuid() AS hid`);
    await owner.query(`INSERT INTO referrals (id, origin_organisation_id, origin_employee_id, topic, summary, urgency, status) VALUES ($1, $2, $3, 'WERK', 'Test.', 'NORMAAL', 'OPEN')`, [rid, orgs.tilburg, balie]);
    await owner.query(`INSERT INTO referral_participants (referral_id, organisation_id) VALUES ($1, $2), ($1, $3)`, [rid, orgs.tilburg, orgs[to]]);
    await owner.query(`INSERT INTO handoffs (id, referral_id, sequence, from_organisation_id, from_employee_id, to_organisation_id, status, requested_at) VALUES ($1, $2, 1, $3, $4, $5, 'REQUESTED', now())`, [hid, rid, orgs.tilburg, balie, orgs[to]]);
    const payload = { handoffId: hid, referralId: rid, fromOrganisationId: orgs.tilburg, toOrganisationId: orgs[to], status: 'REQUESTED', version: 1, organisationIds: [orgs.tilburg, orgs[to]] };
    const [row] = await owner.query(`INSERT INTO outbox (topic, aggregate_type, aggregate_id, payload, sent_at) VALUES ('handoff.requested', 'handoff', $1, $2, now()) RETURNING id, created_at AS "createdAt"`, [hid, JSON.stringify(payload)]);
    return { outboxId: row.id, topic: 'handoff.requested', aggregateType: 'handoff', aggregateId: hid, occurredAt: row.createdAt.toISOString(), payload };
  }

  /** Every effect of one event, as the owner sees it. */
  async function effects(event: RelayedEvent) {
    const [row] = await owner.query(
      `SELECT (SELECT accept_due_at FROM handoffs WHERE id = $2) AS "dueAt",
              (SELECT processed_at FROM outbox WHERE id = $1) AS "processedAt",
              (SELECT count(*)::int FROM notifications WHERE dedupe_key = 'event:' || $1) AS notifications,
              (SELECT count(*)::int FROM webhook_deliveries WHERE event_id = $1) AS deliveries`,
      [event.outboxId, event.aggregateId],
    );
    const check = await followUps.getJob(`deadline.${event.aggregateId}.ACCEPT.1`);
    return { ...row, checkQueued: check !== undefined };
  }

  const batcher = () => new EventBatcher<RelayedEvent, EventResult>({ maxSize: 4, windowMs: 1000, keyOf: (e) => e.outboxId, run: (events) => batch.run(events) });

  it('handles a batch in one go: deadline, notifications, deliveries for subscribers only, check jobs, processed', async () => {
    const toUwv = await requested('uwv');
    const toSvb = await requested('svb');
    const outcomes = await batch.run([toUwv, toSvb]);
    expect(outcomes.get(toUwv.outboxId)).toEqual({ ok: true, value: { webhooks: 1 } });
    expect(outcomes.get(toSvb.outboxId)).toEqual({ ok: true, value: { webhooks: 0 } });
    for (const event of [toUwv, toSvb]) {
      const found = await effects(event);
      expect(found).toMatchObject({ dueAt: expect.any(Date), processedAt: expect.any(Date), checkQueued: true });
      expect(found.notifications).toBeGreaterThan(0);
    }
    expect((await effects(toUwv)).deliveries).toBe(1);
    expect((await effects(toSvb)).deliveries).toBe(0);
    const [delivery] = await owner.query(`SELECT id FROM webhook_deliveries WHERE event_id = $1`, [toUwv.outboxId]);
    expect(await webhooks.getJob(`webhook.${delivery.id}.first`)).toBeDefined();
  });

  it('fails only the event that breaks the batch; the others in it are done', async () => {
    const good = [await requested('uwv'), await requested('svb'), await requested('belastingdienst')];
    const broken = await requested('uwv');
    // A receiver that is no organisation id: its statements fail, and with them the shared transaction.
    broken.payload = { ...broken.payload, toOrganisationId: 'not-an-organisation' };
    const b = batcher();
    const settled = await Promise.allSettled([good[0], broken, good[1], good[2]].map((e) => b.submit(e)));
    expect(settled.map((s) => s.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    for (const event of good) expect(await effects(event)).toMatchObject({ dueAt: expect.any(Date), processedAt: expect.any(Date), checkQueued: true });
    // The broken one changed nothing and is not processed: its job is retried, the sweep still sees it.
    expect(await effects(broken)).toMatchObject({ dueAt: null, processedAt: null, notifications: 0, deliveries: 0, checkQueued: false });
  });

  it('takes an event queued twice, in two batches or twice in one, as once', async () => {
    const first = await requested('uwv');
    const second = await requested('uwv');
    await batch.run([first]);
    const once = await effects(first);
    const [{ due }] = await owner.query(`SELECT accept_due_at AS due FROM handoffs WHERE id = $1`, [first.aggregateId]);

    // Again in a later batch (the sweep re-queued it): skipped, nothing added.
    const again = await batch.run([first, second]);
    expect(again.get(first.outboxId)).toEqual({ ok: true, value: { webhooks: 0 } });
    expect(await effects(first)).toEqual(once);
    expect((await owner.query(`SELECT accept_due_at AS due FROM handoffs WHERE id = $1`, [first.aggregateId]))[0].due).toEqual(due);

    // Twice at the same moment, before either committed: the effects still exist once.
    const third = await requested('uwv');
    await Promise.all([batch.run([third]), batch.run([third])]);
    const twice = await effects(third);
    expect(twice).toMatchObject({ processedAt: expect.any(Date), deliveries: 1, notifications: once.notifications, checkQueued: true });
  });

  it('runs the per-event handlers for their topics only, after the shared transaction', async () => {
    const accepted = { ...(await requested('svb')), topic: 'handoff.accepted' };
    perEventCalls.length = 0;
    const outcomes = await batch.run([accepted]);
    expect(outcomes.get(accepted.outboxId)).toEqual({ ok: true, value: { webhooks: 0 } });
    expect(perEventCalls).toEqual([accepted.outboxId]);
  });

  it('fans out on the caller’s connection: inside a transaction of a one-connection pool it does not wait for a second', async () => {
    const single = await createDataSource({ url: appUrl, entities: [], poolSize: 1 }).initialize();
    try {
      const dispatch = new WebhookDispatch(single, loadConfig({ NODE_ENV: 'test', DATABASE_URL: appUrl, REDIS_URL: env.redisUrl, REDIS_PREFIX: prefix }), webhooks);
      const event = await requested('uwv');
      const pending = await single.transaction((m) => dispatch.fanOut(m, fanOutItems([event])));
      expect(pending).toEqual([{ id: expect.any(String), organisationId: orgs.uwv, retries: 0, eventId: event.outboxId }]);
    } finally {
      await single.destroy();
    }
  });
});

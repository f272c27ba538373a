import { QueueName } from '@schakel/platform';
import { eventually, freePort, TestClient } from '@schakel/testing';
import { Queue, QueueEvents } from 'bullmq';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { type SpawnedApp, spawnApp } from './support/spawn-app';

/**
 * Issue 9, class 1: nothing a citizen typed reaches a log line, whatever fails. The API and the
 * worker run as real processes (LOG_LEVEL info, their stdout captured); statements the database
 * refuses carry planted personal data in their parameters, in the failing row and in PostgreSQL's
 * own message. The captured logs must show the failures, and none of the planted values.
 */
const NAME = 'Fatima Plantinga';
const PHONE = '06-98765432';
const EMAIL = 'fatima.plantinga@example.org';
const STORY = 'PLANTED-STORY verloor haar baan bij de bakkerij';
const PLANTED = [NAME, 'Plantinga', PHONE, EMAIL, 'PLANTED-STORY', 'bakkerij'];

function expectNoPlantedValue(log: string): void {
  for (const value of PLANTED) expect(log).not.toContain(value);
}

describe('logs hold no personal data when a statement fails', () => {
  const env = new IsolatedEnvironment('logs');
  let owner: Client;
  let api: SpawnedApp | undefined;
  let worker: SpawnedApp | undefined;
  let client: TestClient;
  let uwvId: string;

  beforeAll(async () => {
    await env.setUp();
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    // The database refuses these rows; the refusal carries the row (detail) and the parameters.
    await owner.query(`ALTER TABLE referrals ADD CONSTRAINT e2e_refuse_story CHECK (position('PLANTED-STORY' in summary) = 0)`);
    await owner.query(`ALTER TABLE citizens ADD CONSTRAINT e2e_refuse_name CHECK (position('Plantinga' in name) = 0)`);
    uwvId = (await owner.query(`SELECT id FROM organisations WHERE slug = 'uwv'`)).rows[0].id;

    const [port, healthPort] = [await freePort(), await freePort()];
    api = spawnApp('apps/api/src/main.ts', { LOG_LEVEL: 'info', PORT: String(port) }, { capture: true });
    worker = spawnApp('apps/worker/src/main.ts', { LOG_LEVEL: 'info', WORKER_HEALTH_PORT: String(healthPort) }, { capture: true });
    client = new TestClient(`http://127.0.0.1:${port}`);
    try {
      await eventually(async () => (await fetch(`${client.baseUrl}/health/ready`).catch(() => undefined))?.ok, 50_000);
      await eventually(async () => (await fetch(`http://127.0.0.1:${healthPort}/health/ready`).catch(() => undefined))?.ok, 50_000);
    } catch (error) {
      throw new Error(`not ready: ${String(error)}\napi: ${api.output().slice(-2000)}\nworker: ${worker.output().slice(-2000)}`);
    }
  }, 120_000);

  afterAll(async () => {
    await api?.stop();
    await worker?.stop();
    await owner?.end();
    await env.tearDown();
  });

  it('in the API: a refused referral is an internal error, logged without the story, name, phone or e-mail', async () => {
    const token = await client.devToken('balie@tilburg.demo');
    const create = (citizen: Record<string, unknown>, summary: string) =>
      client.graphql(
        `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
        { input: { citizen: { bsn: '123456782', ...citizen }, toOrganisationId: uwvId, topic: 'WERK', summary, consent: { given: true, method: 'MONDELING' } } },
        token,
      );
    const story = await create({ name: 'Jan Jansen' }, STORY);
    const person = await create({ name: NAME, phone: PHONE, email: EMAIL, preferredChannel: 'TELEFOON' }, 'Een gewoon verhaal.');
    for (const res of [story, person]) expect(res.errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');

    // Both failures were logged (SQLSTATE 23514, check_violation), with the constraint's name.
    const log = await eventually(async () => {
      const text = api!.output();
      return text.includes('e2e_refuse_story') && text.includes('e2e_refuse_name') ? text : undefined;
    }, 10_000);
    expect(log).toContain('23514');
    expectNoPlantedValue(log);
  });

  it('in the worker: a failed job is logged without the value PostgreSQL repeats in its message', async () => {
    const connection = { url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379' };
    const queue = new Queue(QueueName.FollowUps, { connection, prefix: env.redisPrefix });
    const events = new QueueEvents(QueueName.FollowUps, { connection, prefix: env.redisPrefix });
    try {
      await events.waitUntilReady();
      // A handoff id the database cannot read as a uuid: its message would repeat it.
      const job = await queue.add('deadline.check', { handoffId: `${NAME} ${PHONE}`, organisationId: uwvId, step: 'ACCEPT', level: 1 }, { attempts: 1 });
      await expect(job.waitUntilFinished(events, 30_000)).rejects.toThrow();
      const log = await eventually(async () => {
        const text = worker!.output();
        return text.includes(`${job.id} failed`) ? text : undefined;
      }, 10_000);
      expect(log).toContain('22P02');
      expectNoPlantedValue(log);
      // What BullMQ keeps in Redis about the failure (reason, stack) holds no value either.
      const failed = await queue.getJob(job.id!);
      expectNoPlantedValue(`${failed?.failedReason ?? ''}\n${(failed?.stacktrace ?? []).join('\n')}`);
      expect(failed?.failedReason).toContain('uuid');
    } finally {
      await events.close();
      await queue.close();
    }
  });
});

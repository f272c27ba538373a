import type { ChildProcess } from 'node:child_process';
import { createServer, type ServerResponse, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { createApiApp } from '@schakel/api';
import { eventually, freePort, TestClient } from '@schakel/testing';
import { Client } from 'pg';
import { IsolatedEnvironment } from './support/isolated-environment';
import { spawnApp } from './support/spawn-app';

/**
 * At-least-once under a crash: a worker is killed with SIGKILL while a job is active (a webhook
 * delivery whose receiver does not answer yet); a restarted worker picks the stalled job up
 * once its lock expires and completes it.
 */
function startWorker(port: number): ChildProcess {
  return spawnApp('apps/worker/src/main.ts', { WORKER_HEALTH_PORT: String(port), LOG_LEVEL: 'warn' }).child;
}


describe('a worker killed mid-job', () => {
  const env = new IsolatedEnvironment('crash');
  let api: INestApplication;
  let client: TestClient;
  let receiver: Server;
  let owner: Client;
  const workers: ChildProcess[] = [];
  const requests: Array<{ key: string; answered: number }> = [];
  let hanging: ServerResponse | undefined;

  beforeAll(async () => {
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const key = String(req.headers['idempotency-key'] ?? '');
        if (body.includes('"kanaal":"test"')) return void res.writeHead(204).end();
        // The first event delivery never gets an answer: its worker is killed meanwhile.
        if (!requests.some((r) => r.key === key)) {
          requests.push({ key, answered: 0 });
          hanging = res;
          return;
        }
        requests.push({ key, answered: 204 });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', r));
    await env.setUp({ WORKER_LOCK_DURATION_MS: '2000', WEBHOOK_TIMEOUT_MS: '60000', OUTBOX_POLL_INTERVAL_MS: '200' });
    owner = new Client({ connectionString: env.ownerUrl });
    await owner.connect();
    api = await createApiApp();
    client = await TestClient.listen(api);
  });

  afterAll(async () => {
    for (const w of workers) w.kill('SIGKILL');
    hanging?.destroy();
    await api?.close();
    await owner?.end();
    await new Promise((r) => receiver.close(r));
    await env.tearDown();
  });

  it('completes the job after a restart', async () => {
    const portA = await freePort();
    workers.push(startWorker(portA));
    await eventually(async () => (await fetch(`http://127.0.0.1:${portA}/health/ready`).catch(() => undefined))?.ok, 45_000);

    const beheer = await client.devToken('beheer@uwv.demo');
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const sub = await client.graphql(`mutation ($u: String!) { createWebhookSubscription(input: { callbackUrl: $u, channels: ["handoffs"] }) { secret } }`, { u: receiverUrl }, beheer);
    expect(sub.errors).toBeUndefined();
    const { rows } = await owner.query(`SELECT id FROM organisations WHERE slug = 'uwv'`);
    const created = await client.graphql(
      `mutation ($input: CreateReferralInput!) { createReferral(input: $input) { id } }`,
      { input: { citizen: { bsn: '123456782', name: 'Crash Test' }, toOrganisationId: rows[0].id, topic: 'WERK', summary: 'x', consent: { given: true, method: 'MONDELING' } } },
      await client.devToken('balie@tilburg.demo'),
    );
    expect(created.errors).toBeUndefined();

    // The delivery is in flight in worker A: kill it without any chance to clean up.
    const first = await eventually(async () => requests[0]);
    workers[0].kill('SIGKILL');
    await new Promise((r) => workers[0].once('exit', r));
    const [before] = (await owner.query(`SELECT status FROM webhook_deliveries`)).rows;
    expect(before.status).toBe('PENDING');

    const portB = await freePort();
    workers.push(startWorker(portB));
    await eventually(async () => requests.find((r) => r.key === first.key && r.answered === 204), 45_000);
    const delivered = await eventually(async () => {
      const { rows: d } = await owner.query(`SELECT status, attempts FROM webhook_deliveries`);
      return d[0]?.status === 'DELIVERED' ? d[0] : undefined;
    });
    expect(delivered.status).toBe('DELIVERED');
    // Delivered again under the same Idempotency-Key, so the partner can recognise the repeat.
    expect(requests.filter((r) => r.key === first.key).length).toBeGreaterThanOrEqual(2);
  });
});

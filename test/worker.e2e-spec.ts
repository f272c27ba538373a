import { getQueueToken } from '@nestjs/bullmq';
import type { INestApplicationContext } from '@nestjs/common';
import { QueueName } from '@schakel/platform';
import { createWorker, WorkerHealthServer } from '@schakel/worker';
import { type Queue, Worker } from 'bullmq';
import { IsolatedEnvironment } from './support/isolated-environment';

async function poll(url: string, until: (status: number) => boolean, timeoutMs = 20_000): Promise<{ status: number; body: unknown }> {
  const deadline = Date.now() + timeoutMs;
  let last = { status: 0, body: undefined as unknown };
  while (Date.now() < deadline) {
    const res = await fetch(url);
    last = { status: res.status, body: await res.json() };
    if (until(res.status)) return last;
    await new Promise((r) => setTimeout(r, 200));
  }
  return last;
}

describe('worker (end to end)', () => {
  // Its own database: a worker's relay takes every unsent outbox row it can see.
  const env = new IsolatedEnvironment('worker');
  let worker: INestApplicationContext;
  let closed = false;
  let base: string;

  beforeAll(async () => {
    await env.setUp();
    worker = await createWorker();
    base = `http://127.0.0.1:${worker.get(WorkerHealthServer).port}`;
  });
  afterAll(async () => {
    jest.restoreAllMocks();
    if (!closed) await worker?.close();
    await env.tearDown();
  });

  it('is live at once and becomes ready when its heartbeat job has run through BullMQ', async () => {
    expect((await fetch(`${base}/health/live`)).status).toBe(200);
    const ready = await poll(`${base}/health/ready`, (s) => s === 200);
    expect(ready).toEqual({
      status: 200,
      body: { status: 'ok', checks: { postgres: { status: 'up' }, redis: { status: 'up' }, heartbeat: { status: 'up' } } },
    });
  });

  it('answers 404 elsewhere', async () => {
    expect((await fetch(`${base}/metrics`)).status).toBe(404);
  });

  // Last: it stops the worker. Active jobs add to queues (the next escalation check, webhook
  // deliveries), so every worker must have finished before any queue closes under it.
  it('closes its workers, waiting for their active jobs, before the queues those jobs add to', async () => {
    const events: string[] = [];
    const closeWorker = Worker.prototype.close;
    jest.spyOn(Worker.prototype, 'close').mockImplementation(async function (this: Worker, force?: boolean) {
      await closeWorker.call(this, force);
      events.push(`worker closed: ${this.name}`);
    });
    const queues = [QueueName.FollowUps, QueueName.Webhooks, QueueName.System];
    for (const name of queues) {
      const queue = worker.get<Queue>(getQueueToken(name), { strict: false });
      const closeQueue = queue.close.bind(queue);
      jest.spyOn(queue, 'close').mockImplementation(async () => {
        events.push(`queue closing: ${name}`);
        await closeQueue();
      });
    }
    await worker.close();
    closed = true;
    const firstQueueClosing = events.findIndex((e) => e.startsWith('queue closing'));
    expect(firstQueueClosing).toBeGreaterThanOrEqual(0);
    for (const name of queues) {
      const workerClosed = events.indexOf(`worker closed: ${name}`);
      expect({ name, workerClosed }).toEqual({ name, workerClosed: expect.any(Number) });
      expect(workerClosed).toBeGreaterThanOrEqual(0);
      expect(workerClosed).toBeLessThan(firstQueueClosing);
    }
  });
});

import type { INestApplicationContext } from '@nestjs/common';
import { createWorker, WorkerHealthServer } from '@schakel/worker';
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
  let base: string;

  beforeAll(async () => {
    await env.setUp();
    worker = await createWorker();
    base = `http://127.0.0.1:${worker.get(WorkerHealthServer).port}`;
  });
  afterAll(async () => {
    await worker?.close();
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
});

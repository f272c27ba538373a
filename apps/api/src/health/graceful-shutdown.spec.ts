import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { type GracefulShutdown, installGracefulShutdown } from './graceful-shutdown';

@Controller()
class ProbeController {
  @Get('health/ready')
  ready(): { status: string } {
    return { status: 'ok' };
  }

  @Get('slow')
  async slow(): Promise<{ done: boolean }> {
    await new Promise((r) => setTimeout(r, 400));
    return { done: true };
  }
}

@Module({ controllers: [ProbeController] })
class ProbeModule {}

describe('installGracefulShutdown', () => {
  let app: INestApplication;
  let shutdown: GracefulShutdown;
  let base: string;
  const logs: string[] = [];

  beforeAll(async () => {
    app = await NestFactory.create(ProbeModule, { logger: false });
    shutdown = installGracefulShutdown(app, { drainDelayMs: 300, log: (m) => logs.push(m) });
    await app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  });

  it('reports not-ready first, serves during the delay, finishes requests in flight, then closes', async () => {
    expect((await fetch(`${base}/health/ready`)).status).toBe(200);
    const inFlight = fetch(`${base}/slow`);
    await new Promise((r) => setTimeout(r, 50));
    const stopped = shutdown.stop('SIGTERM');

    const ready = await fetch(`${base}/health/ready`);
    expect(ready.status).toBe(503);
    expect(ready.headers.get('connection')).toBe('close');
    // Still serving during the drain delay (the balancer may not have noticed yet).
    const late = await fetch(`${base}/slow`);
    expect(await late.json()).toEqual({ done: true });

    expect(await (await inFlight).json()).toEqual({ done: true });
    await stopped;
    await expect(fetch(`${base}/health/ready`)).rejects.toThrow();
    // A second signal waits for the same stop.
    await expect(shutdown.stop('SIGINT')).resolves.toBeUndefined();
    expect(logs[0]).toBe('SIGTERM: not ready any more; closing in 300 ms');
  });
});

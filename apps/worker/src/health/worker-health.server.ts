import { createServer, type Server } from 'node:http';
import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, HealthService, REDIS } from '@schakel/platform';
import type Redis from 'ioredis';
import { HEARTBEAT_EVERY_MS, heartbeatKey } from '../heartbeat/heartbeat.processor';

/**
 * The worker serves no API; it opens a small port (WORKER_HEALTH_PORT) for its orchestrator:
 * /health/live and /health/ready (PostgreSQL, Redis, and a recent heartbeat job). From SIGTERM
 * on it answers not-ready while the processors finish their active jobs.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(WorkerHealthServer.name);
  private server?: Server;
  private stopping = false;

  constructor(
    private readonly health: HealthService,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    this.server = createServer((req, res) => {
      void this.handle(req.url ?? '/').then(({ status, body }) => {
        res.writeHead(status, { 'Content-Type': 'application/json', 'Cache-Control': 'no-store' });
        res.end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.server?.once('error', reject);
      this.server?.listen(this.config.WORKER_HEALTH_PORT, '0.0.0.0', () => resolve());
    });
    this.logger.log(`Worker health on port ${this.port}`);
  }

  /** The port actually bound (WORKER_HEALTH_PORT=0 lets the OS choose one). */
  get port(): number | undefined {
    const address = this.server?.address();
    return typeof address === 'object' && address ? address.port : undefined;
  }

  beforeApplicationShutdown(): void {
    this.stopping = true;
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  private async handle(url: string): Promise<{ status: number; body: unknown }> {
    if (url === '/health/live') return { status: 200, body: { status: 'ok' } };
    if (url === '/health/ready') {
      if (this.stopping) return { status: 503, body: { status: 'stopping' } };
      const report = await this.health.readiness({ heartbeat: () => this.recentHeartbeat() });
      return { status: report.status === 'ok' ? 200 : 503, body: report };
    }
    return { status: 404, body: { status: 404, title: 'Not Found' } };
  }

  private async recentHeartbeat(): Promise<void> {
    const last = Number(await this.redis.get(heartbeatKey(this.config)));
    if (!last || Date.now() - last > HEARTBEAT_EVERY_MS * 3) throw new Error('no heartbeat job processed recently');
  }
}

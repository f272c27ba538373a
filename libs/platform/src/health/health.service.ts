import { Inject, Injectable } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { REDIS } from '../redis/redis.module';
import { withTimeout } from '../timeouts';

export type CheckStatus = 'up' | 'down';
export interface ReadinessReport {
  status: 'ok' | 'error';
  checks: Record<string, { status: CheckStatus; error?: string }>;
  /** Checks that are down but do not make the process unready (e.g. Redis for the API). */
  degraded?: string[];
}

const TIMEOUT_MS = 2000;


/** Readiness: can we reach PostgreSQL and Redis right now? */
@Injectable()
export class HealthService {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /**
   * `optional` checks are reported but do not fail readiness: the API must keep taking requests
   * while Redis is away (follow-ups only wait), so a load balancer must not take it out.
   */
  async readiness(extra: Record<string, () => Promise<void>> = {}, optional: readonly string[] = []): Promise<ReadinessReport> {
    const probes: Record<string, () => Promise<unknown>> = {
      postgres: () => this.dataSource.query('SELECT 1'),
      redis: () => this.redis.ping(),
      ...extra,
    };
    const entries = await Promise.all(
      Object.entries(probes).map(async ([name, probe]) => {
        try {
          await withTimeout(probe(), TIMEOUT_MS, name);
          return [name, { status: 'up' as const }] as const;
        } catch (error) {
          return [name, { status: 'down' as const, error: error instanceof Error ? error.message : 'unknown' }] as const;
        }
      }),
    );
    const checks: ReadinessReport['checks'] = Object.fromEntries(entries);
    const down = Object.entries(checks).filter(([, c]) => c.status === 'down').map(([name]) => name);
    const fatal = down.filter((name) => !optional.includes(name));
    return { status: fatal.length === 0 ? 'ok' : 'error', checks, ...(down.length > fatal.length ? { degraded: down.filter((n) => optional.includes(n)) } : {}) };
  }
}

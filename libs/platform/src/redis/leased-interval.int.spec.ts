import { Logger } from '@nestjs/common';
import { currentTestEnvironment } from '@schakel/testing';
import Redis from 'ioredis';
import { LeasedInterval } from './leased-interval';

const env = currentTestEnvironment();

describe('LeasedInterval (real Redis)', () => {
  let redis: Redis;
  const key = `${env.redisPrefix}:leased-interval-spec`;
  const logger = new Logger('spec');
  let warnings: string[];

  beforeAll(() => {
    redis = new Redis(env.redisUrl);
  });
  beforeEach(async () => {
    await redis.del(key);
    warnings = [];
    jest.spyOn(logger, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterAll(async () => {
    await redis.del(key);
    redis.disconnect();
  });

  it('lets one of several processes do the pass per interval', async () => {
    const passes: string[] = [];
    const intervals = ['a', 'b', 'c'].map(
      (name) => new LeasedInterval({ redis, leaseKey: key, intervalMs: 60_000, logger, label: 'spec', work: async () => void passes.push(name) }),
    );
    intervals.forEach((i) => i.start());
    await Promise.all(intervals.map((i) => i.stop()));
    expect(passes).toHaveLength(1);
    expect(await redis.pttl(key)).toBeGreaterThan(50_000);
  });

  it('logs a failed pass without its values, and stop() waits for a running pass', async () => {
    let finished = false;
    const failing = new LeasedInterval({
      redis,
      leaseKey: key,
      intervalMs: 60_000,
      logger,
      label: 'Spec scan',
      work: async () => {
        await new Promise((r) => setTimeout(r, 50));
        finished = true;
        throw Object.assign(new Error('insert failed'), { detail: 'Failing row contains (Fatima, 0612345678)' });
      },
    });
    failing.start();
    await failing.stop();
    expect(finished).toBe(true);
    expect(failing.isStopped).toBe(true);
    expect(warnings).toEqual([expect.stringMatching(/^Spec scan skipped, will retry: /)]);
    expect(warnings.join()).not.toMatch(/Fatima|0612345678/);
  });

  it('skips the pass, and says so, when Redis is away', async () => {
    const away = new Redis({ host: '127.0.0.1', port: 1, lazyConnect: true, maxRetriesPerRequest: 0, enableOfflineQueue: false, retryStrategy: () => null });
    let ran = false;
    const interval = new LeasedInterval({ redis: away, leaseKey: key, intervalMs: 60_000, logger, label: 'Spec sweep', work: async () => void (ran = true) });
    interval.start();
    await interval.stop();
    away.disconnect();
    expect(ran).toBe(false);
    expect(warnings).toEqual([expect.stringMatching(/^Spec sweep skipped, will retry: /)]);
  });
});

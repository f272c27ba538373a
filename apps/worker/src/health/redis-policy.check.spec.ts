import { Logger } from '@nestjs/common';
import { RedisPolicyCheck, type RedisConfigReader } from './redis-policy.check';

/** A Redis answering CONFIG GET from a table; `null` forbids CONFIG as managed services do. */
function redis(settings: Record<string, string> | null): RedisConfigReader {
  return {
    config: async (_sub, parameter) => {
      if (!settings) throw new Error("ERR unknown command 'CONFIG'");
      return [parameter, settings[parameter] ?? ''];
    },
  };
}

const durable = { 'maxmemory-policy': 'noeviction', appendonly: 'yes', save: '3600 1' };
const volatile = { 'maxmemory-policy': 'noeviction', appendonly: 'no', save: '' };

describe('RedisPolicyCheck', () => {
  let warnings: string[];
  beforeEach(() => {
    warnings = [];
    jest.spyOn(Logger.prototype, 'warn').mockImplementation((message: unknown) => void warnings.push(String(message)));
  });
  afterEach(() => jest.restoreAllMocks());

  const check = (settings: Record<string, string> | null, NODE_ENV: 'production' | 'development' | 'test') =>
    new RedisPolicyCheck(redis(settings), { NODE_ENV }).onApplicationBootstrap();

  it('refuses a Redis without persistence in production', async () => {
    await expect(check(volatile, 'production')).rejects.toThrow(/without persistence/);
  });

  it('warns about a Redis without persistence elsewhere, and starts', async () => {
    await expect(check(volatile, 'development')).resolves.toBeUndefined();
    expect(warnings.join('\n')).toMatch(/without persistence/);
  });

  it('accepts a Redis with AOF and noeviction without a word', async () => {
    await expect(check(durable, 'production')).resolves.toBeUndefined();
    expect(warnings).toEqual([]);
  });

  it('still refuses an evicting Redis in production', async () => {
    await expect(check({ ...durable, 'maxmemory-policy': 'allkeys-lru' }, 'production')).rejects.toThrow(/noeviction/);
  });

  it('only warns when Redis forbids CONFIG, even in production', async () => {
    await expect(check(null, 'production')).resolves.toBeUndefined();
    expect(warnings.join('\n')).toMatch(/could not be checked/);
  });
});

import { randomBytes } from 'node:crypto';

/** What one test run owns: its own database and its own Redis key prefix. */
export interface TestEnvironment {
  runId: string;
  ownerUrl: string;
  appUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';

export function newTestEnvironment(): TestEnvironment {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `schakel_test_${runId}`;
  return {
    runId,
    ownerUrl: `postgres://postgres@${PG_HOST}/${database}`,
    appUrl: `postgres://schakel_app:schakel_app@${PG_HOST}/${database}`,
    redisUrl: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: `schakel-test-${runId}`,
  };
}

/** The variables the apps read, pointed at the run's own database and prefix. */
export function environmentVariables(env: TestEnvironment): Record<string, string> {
  return {
    NODE_ENV: 'test',
    DATABASE_URL: env.appUrl,
    DATABASE_OWNER_URL: env.ownerUrl,
    DATABASE_POOL_SIZE: '5',
    REDIS_URL: env.redisUrl,
    REDIS_PREFIX: env.redisPrefix,
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    PORT: '0',
    WORKER_HEALTH_PORT: '0',
    SCHAKEL_TEST_RUN: env.runId,
  };
}

/** Read back in a test process (the global set-up exported these). */
export function currentTestEnvironment(): TestEnvironment {
  const runId = process.env.SCHAKEL_TEST_RUN;
  if (!runId || !process.env.DATABASE_OWNER_URL || !process.env.DATABASE_URL || !process.env.REDIS_PREFIX) {
    throw new Error('No test environment: run this suite through jest --selectProjects integration|e2e');
  }
  return {
    runId,
    ownerUrl: process.env.DATABASE_OWNER_URL,
    appUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: process.env.REDIS_PREFIX,
  };
}

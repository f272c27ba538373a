import { randomBytes } from 'node:crypto';

/**
 * What one test run owns: its own database and its own Redis key prefix, and the template
 * database (migrated and seeded once, never connected to afterwards) that the run's database and
 * every suite's own database are cloned from.
 */
export interface TestEnvironment {
  runId: string;
  ownerUrl: string;
  /** Owner URL of the run's template database: `<run database>_tpl`. */
  templateUrl: string;
  appUrl: string;
  redisUrl: string;
  redisPrefix: string;
}

const PG_HOST = process.env.TEST_PG_HOST ?? '127.0.0.1:5432';

/** Test databases are named `schakel_test_<run id>[_<suffix>]`; the run id starts with the time. */
export const TEST_DATABASE_PREFIX = 'schakel_test_';

function templateUrlOf(ownerUrl: string): string {
  return ownerUrl.replace(/\/([^/]+)$/, '/$1_tpl');
}

/** When the run that owns a test database started (from its name), or undefined if not a test database. */
export function testDatabaseStartedAt(database: string): Date | undefined {
  const match = new RegExp(`^${TEST_DATABASE_PREFIX}([0-9a-z]+)_[0-9a-f]{6}(_|$)`).exec(database);
  if (!match) return undefined;
  const started = parseInt(match[1], 36);
  return Number.isFinite(started) ? new Date(started) : undefined;
}

export function newTestEnvironment(): TestEnvironment {
  const runId = `${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  const database = `schakel_test_${runId}`;
  return {
    runId,
    ownerUrl: `postgres://postgres@${PG_HOST}/${database}`,
    templateUrl: `postgres://postgres@${PG_HOST}/${database}_tpl`,
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
    SCHAKEL_TEST_TEMPLATE_URL: env.templateUrl,
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
    // Set by the global set-up; suites that point DATABASE_OWNER_URL elsewhere keep it.
    templateUrl: process.env.SCHAKEL_TEST_TEMPLATE_URL ?? templateUrlOf(process.env.DATABASE_OWNER_URL),
    appUrl: process.env.DATABASE_URL,
    redisUrl: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379',
    redisPrefix: process.env.REDIS_PREFIX,
  };
}

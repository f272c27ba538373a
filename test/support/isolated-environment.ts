import { randomBytes } from 'node:crypto';
import { cloneDatabase, deleteKeys, dropDatabase } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';

/**
 * A database and Redis prefix of one test file's own, for suites that run a worker: its relay
 * takes every unsent outbox row, so it must not share a database with other suites.
 */
export class IsolatedEnvironment {
  readonly ownerUrl: string;
  readonly appUrl: string;
  readonly redisPrefix: string;
  private readonly templateUrl: string;
  private saved?: NodeJS.ProcessEnv;

  constructor(name: string) {
    const base = currentTestEnvironment();
    const suffix = `${name}_${randomBytes(2).toString('hex')}`;
    this.ownerUrl = base.ownerUrl.replace(/\/([^/]+)$/, `/$1_${suffix}`);
    this.appUrl = base.appUrl.replace(/\/([^/]+)$/, `/$1_${suffix}`);
    this.redisPrefix = `${base.redisPrefix}-${suffix}`;
    this.templateUrl = base.templateUrl;
  }

  /**
   * Creates the database as a clone of the run's template (migrated and seeded by the global
   * set-up, so it is what migrating and seeding would make), then points process.env at it.
   */
  async setUp(extraEnv: Record<string, string> = {}): Promise<void> {
    await cloneDatabase(this.templateUrl, this.ownerUrl);
    this.saved = { ...process.env };
    Object.assign(process.env, { DATABASE_URL: this.appUrl, DATABASE_OWNER_URL: this.ownerUrl, REDIS_PREFIX: this.redisPrefix, ...extraEnv });
  }

  async tearDown(): Promise<void> {
    if (this.saved) process.env = this.saved;
    await dropDatabase(this.ownerUrl);
    await deleteKeys(currentTestEnvironment().redisUrl, `${this.redisPrefix}*`);
  }
}

// See global-setup.ts for why this imports plain modules instead of the libraries' index.
import { deleteKeys } from '../../libs/platform/src/redis/delete-keys';
import { currentTestEnvironment } from '../../libs/testing/src/test-environment';
import { dropTestDatabases } from './test-databases';

/**
 * Removes what the run created: its template, its database, any suite database a crashed suite
 * left, every Redis key under its prefix; and databases of interrupted runs hours old.
 */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.SCHAKEL_TEST_RUN) return;
  const env = currentTestEnvironment();
  delete process.env.SCHAKEL_TEST_RUN;
  await dropTestDatabases(env.ownerUrl, env.runId);
  await deleteKeys(env.redisUrl, `${env.redisPrefix}*`);
}

// See global-setup.ts for why this imports a plain module instead of the library's index.
import { dropDatabase } from '../../libs/platform/src/database/setup';
import { deleteKeys } from '../../libs/platform/src/redis/delete-keys';
import { currentTestEnvironment } from '../../libs/testing/src/test-environment';

/** Removes what the run created: its database and every Redis key under its prefix. */
export default async function globalTeardown(): Promise<void> {
  if (!process.env.SCHAKEL_TEST_RUN) return;
  const env = currentTestEnvironment();
  delete process.env.SCHAKEL_TEST_RUN;
  await dropDatabase(env.ownerUrl);
  await deleteKeys(env.redisUrl, `${env.redisPrefix}*`);
}

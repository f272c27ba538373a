// Global set-up runs in Jest's parent process, outside the test sandboxes. Loading the libraries'
// index files here would register NestJS/GraphQL decorator metadata twice in one process (and
// Jest's moduleNameMapper does not apply here), so only the plain set-up modules are imported.
import { demoClientSecret } from '../../libs/organisations/src/seed/demo-data';
import { seedDemoData, seedDemoMachineClients } from '../../libs/organisations/src/seed/seed-demo-data';
import { createDataSource } from '../../libs/platform/src/database/data-source';
import { prepareDatabase } from '../../libs/platform/src/database/setup';
import { environmentVariables, newTestEnvironment } from '../../libs/testing/src/test-environment';

/**
 * Once per test run: a fresh database (migrated from empty, demo data seeded) and a fresh Redis
 * key prefix. The variables are exported so the test workers, started after this, inherit them.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SCHAKEL_TEST_RUN) return; // already prepared by another project of this run
  const env = newTestEnvironment();
  await prepareDatabase(env.ownerUrl, env.appUrl);
  const owner = await createDataSource({ url: env.ownerUrl, entities: [], poolSize: 1 }).initialize();
  try {
    await seedDemoData(owner);
    await seedDemoMachineClients(owner, (id) => demoClientSecret(id, undefined, false));
  } finally {
    await owner.destroy();
  }
  Object.assign(process.env, environmentVariables(env));
}

// Global set-up runs in Jest's parent process, outside the test sandboxes. Loading the libraries'
// index files here would register NestJS/GraphQL decorator metadata twice in one process (and
// Jest's moduleNameMapper does not apply here), so only the plain set-up modules are imported.
import { demoClientSecret } from '../../libs/organisations/src/seed/demo-data';
import { seedDemoData, seedDemoMachineClients } from '../../libs/organisations/src/seed/seed-demo-data';
import { createDataSource } from '../../libs/platform/src/database/data-source';
import { seedDemoDoors } from '../../libs/doors/src/seed/seed-demo-doors';
import { seedDemoCallbackCapacity } from '../../libs/doors/src/callbacks/demo-capacity';
import { cloneDatabase, prepareDatabase, sealTemplate } from '../../libs/platform/src/database/setup';
import { environmentVariables, newTestEnvironment } from '../../libs/testing/src/test-environment';
import { SCHEMA_MIGRATIONS } from '../../scripts/lib/schema-migrations';

/**
 * Once per test run: a template database, migrated from empty and seeded with the demo data, and
 * a fresh Redis key prefix. The run's shared database is a clone of the template, and so is
 * every suite's own database (IsolatedEnvironment): one migration run per test run, not one per
 * suite. The variables are exported so the test workers, started after this, inherit them.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.SCHAKEL_TEST_RUN) return; // already prepared by another project of this run
  const env = newTestEnvironment();
  // From here on the teardown owns what is created, even if the set-up fails half-way.
  Object.assign(process.env, environmentVariables(env));
  await prepareDatabase(env.templateUrl, env.appUrl, SCHEMA_MIGRATIONS);
  const owner = await createDataSource({ url: env.templateUrl, entities: [], poolSize: 1 }).initialize();
  try {
    await seedDemoData(owner);
    await seedDemoDoors(owner);
    await seedDemoCallbackCapacity(owner);
    await seedDemoMachineClients(owner, (id) => demoClientSecret(id, undefined, false));
  } finally {
    await owner.destroy();
  }
  await sealTemplate(env.templateUrl);
  await cloneDatabase(env.templateUrl, env.ownerUrl);
}

import { explainStartupFailure, loadConfigOrExit, prepareDatabase } from '@schakel/platform';
import { requireServices } from './lib/services';
import { SCHEMA_MIGRATIONS } from './lib/schema-migrations';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await requireServices(config.DATABASE_OWNER_URL, config.REDIS_URL);
  const ran = await prepareDatabase(config.DATABASE_OWNER_URL, config.DATABASE_URL, SCHEMA_MIGRATIONS);
  console.log(ran.length ? `Migraties uitgevoerd: ${ran.join(', ')}` : 'Database is bij: geen migraties uit te voeren.');
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});

import { seedDemoData } from '@schakel/organisations';
import { createDataSource, explainStartupFailure, loadConfigOrExit } from '@schakel/platform';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await createDataSource({ url: config.DATABASE_OWNER_URL, entities: [], poolSize: 1 }).initialize();
  try {
    const result = await seedDemoData(dataSource);
    console.log(`Demodata: ${result.organisationsCreated} organisaties en ${result.employeesCreated} medewerkers aangemaakt (bestaande blijven staan).`);
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});

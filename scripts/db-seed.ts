import { demoClientSecret, seedDemoData, seedDemoMachineClients, seedDemoPersonas } from '@schakel/organisations';
import { createDataSource, explainStartupFailure, loadConfigOrExit } from '@schakel/platform';
import { seedDemoHistory } from '@schakel/reporting';
import { seedDemoCallbackCapacity, seedDemoDoors } from '@schakel/doors';

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  const dataSource = await createDataSource({ url: config.DATABASE_OWNER_URL, entities: [], poolSize: 1 }).initialize();
  try {
    const result = await seedDemoData(dataSource);
    const doors = config.NODE_ENV === 'production' ? null : await seedDemoDoors(dataSource);
    if (doors) await seedDemoCallbackCapacity(dataSource);
    if (doors) console.log(`Sociale kaart: ${doors.doorsCreated} demoloketten aangemaakt (bestaande blijven staan).`);
    const clients = await seedDemoMachineClients(dataSource, (id) => demoClientSecret(id, config.DEMO_CLIENT_SECRET, config.NODE_ENV === 'production'));
    console.log(`Demodata: ${result.organisationsCreated} organisaties, ${result.employeesCreated} medewerkers en ${clients} machineclients aangemaakt (bestaande blijven staan).`);
    if (config.NODE_ENV !== 'production') await seedDemoPersonas(dataSource);
    const history = config.NODE_ENV === 'production' ? null : await seedDemoHistory(dataSource);
    console.log(history?.created ? `Demojaar voor de rapportages: ${history.referrals} verwijzingen, ${history.handoffs} overdrachten, ${history.bottlenecks} knelpunten.` : 'Demojaar voor de rapportages: stond er al (of productie).');
  } finally {
    await dataSource.destroy();
  }
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  process.exit(1);
});

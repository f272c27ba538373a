import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { DEMO_MACHINE_CLIENTS, DEMO_ORGANISATIONS, DEMO_PERSONAS, DEMO_ROLES, demoClientSecret, demoUsername, seedDemoData, seedDemoMachineClients, seedDemoPersonas } from '@schakel/organisations';
import { seedDemoHistory } from '@schakel/reporting';
import { seedDemoCallbackCapacity, seedDemoDoors } from '@schakel/doors';
import { createDataSource, explainStartupFailure, loadConfigOrExit, prepareDatabase } from '@schakel/platform';
import { requireServices } from './lib/services';
import { startWebServer } from './lib/web-server';
import { SCHEMA_MIGRATIONS } from './lib/schema-migrations';

/**
 * `npm start`: migrate, seed the demo data, run API and worker, and print where to find them.
 * Stops both children on Ctrl-C; if one of them dies, stops the other and exits non-zero.
 */
const DIST = join(__dirname, '..');

function run(name: string, entry: string): ChildProcess {
  const register = join(DIST, '..', 'scripts', 'runtime-paths.cjs');
  const child = spawn(process.execPath, ['-r', register, join(DIST, entry)], { env: process.env, stdio: 'inherit' });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`${name} is gestopt (${signal ?? `exit ${code}`}); Schakel stopt.`);
      shutdown(code ?? 1);
    }
  });
  return child;
}

let stopping = false;
const children: ChildProcess[] = [];

function shutdown(exitCode: number): void {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill('SIGTERM');
  const deadline = setTimeout(() => process.exit(exitCode), 35_000);
  deadline.unref();
  Promise.all(children.map((c) => new Promise((r) => (c.exitCode !== null ? r(null) : c.once('exit', r))))).then(() =>
    process.exit(exitCode),
  );
}

async function waitUntilReady(url: string, timeoutMs = 90_000): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until && !stopping) {
    try {
      const res = await fetch(url);
      if (res.ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}

async function main(): Promise<void> {
  const config = loadConfigOrExit();
  await requireServices(config.DATABASE_OWNER_URL, config.REDIS_URL);

  const ran = await prepareDatabase(config.DATABASE_OWNER_URL, config.DATABASE_URL, SCHEMA_MIGRATIONS);
  console.log(ran.length ? `Migraties uitgevoerd: ${ran.length}` : 'Database is bij.');
  const owner = await createDataSource({ url: config.DATABASE_OWNER_URL, entities: [], poolSize: 1 }).initialize();
  const production = config.NODE_ENV === 'production';
  const secretFor = (clientId: string) => demoClientSecret(clientId, config.DEMO_CLIENT_SECRET, production);
  const seeded = await seedDemoData(owner);
  if (!production) await seedDemoDoors(owner);
  if (!production) await seedDemoCallbackCapacity(owner);
  const clients = await seedDemoMachineClients(owner, secretFor);
  if (!production) await seedDemoPersonas(owner);
  const history = await (production ? Promise.resolve(null) : seedDemoHistory(owner)).finally(() => owner.destroy());
  console.log(`Demodata: ${seeded.organisationsCreated} organisaties, ${seeded.employeesCreated} medewerkers en ${clients} machineclients nieuw.`);
  if (history?.created) console.log(`Demojaar voor de rapportages: ${history.referrals} verwijzingen, ${history.handoffs} overdrachten, ${history.bottlenecks} knelpunten.`);

  children.push(run('api', 'apps/api/src/main.js'), run('worker', 'apps/worker/src/main.js'));
  process.on('SIGINT', () => shutdown(0));
  process.on('SIGTERM', () => shutdown(0));

  const base = `http://localhost:${config.PORT}`;
  const web = await startWebServer({
    root: join(DIST, '..', 'apps', 'web', 'dist'),
    apiUrl: `http://127.0.0.1:${config.PORT}`,
    host: '127.0.0.1',
    port: config.WEB_PORT,
  });
  const [apiReady, workerReady] = await Promise.all([
    waitUntilReady(`${base}/health/ready`),
    waitUntilReady(`http://localhost:${config.WORKER_HEALTH_PORT}/health/ready`),
  ]);
  if (!apiReady || !workerReady) {
    console.error(`Schakel werd niet gereed (api: ${apiReady ? 'ok' : 'niet gereed'}, worker: ${workerReady ? 'ok' : 'niet gereed'}).`);
    shutdown(1);
    return;
  }

  const slugs = DEMO_ORGANISATIONS.map((o) => o.slug).join(', ');
  const roles = DEMO_ROLES.map((r) => r.handle).join(', ');
  console.log(`
Schakel draait.
  Web-app:        ${web.url}   (aanmelden als demo-medewerker)
  GraphQL:        ${base}/graphql
  Gezondheid:     ${base}/health/ready   (worker: http://localhost:${config.WORKER_HEALTH_PORT}/health/ready)

Demo-aanmeldingen (alleen buiten productie): <rol>@<organisatie>.demo
  rollen:         ${roles}
  organisaties:   ${slugs}
  bijvoorbeeld:   ${demoUsername('balie', 'tilburg')}, ${demoUsername('behandelaar', 'uwv')}, ${demoUsername('coordinator', 'svb')}
  met naam:       ${DEMO_PERSONAS.map((p) => `${p.username} (${p.displayName})`).join(', ')}: zet Dienstdoende aan voor een live overdracht

De warme overdracht aan de balie (README, "A tour of the warm moment"):
  Sociale kaart:  ${web.url}/sociale-kaart   (open data, HSDS 3.0: ${base}/sociale-kaart/hsds)
  Terugbellen, live overdragen: op de pagina van een nieuwe doorverwijzing; Bundels: ${web.url}/bundels

Token en eerste vraag:
  TOKEN=$(curl -s -X POST ${base}/auth/dev/token -H 'Content-Type: application/json' \\
    -d '{"username":"balie@tilburg.demo"}' | node -pe 'JSON.parse(require("fs").readFileSync(0)).access_token')
  curl -s ${base}/graphql -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
    -d '{"query":"{ me { employee { username roles } organisation { name gemeentecode } } }"}'

Machineclients (OAuth2 client credentials, alle scopes):
${DEMO_MACHINE_CLIENTS.map((c) => `  ${c.clientId.padEnd(24)} geheim: ${secretFor(c.clientId) ?? '(niet ingesteld)'}`).join('\n')}
  curl -s -X POST ${base}/auth/token -d grant_type=client_credentials -d client_id=uwv-system -d client_secret=${secretFor('uwv-system') ?? '…'}

Stoppen: Ctrl-C.
`);
}

main().catch((error: unknown) => {
  console.error(explainStartupFailure(error));
  shutdown(1);
  if (children.length === 0) process.exit(1);
});

import { Client } from 'pg';
import { createDataSource, type EntityList } from './data-source';

/** Identifiers we put into DDL ourselves must be plain; this also keeps injection out. */
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ''));
  if (!SAFE_IDENTIFIER.test(name)) throw new Error(`Database name "${name}" must match ${SAFE_IDENTIFIER}`);
  return name;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function withClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 5000 });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates the database named in the owner URL if it does not exist yet. */
export async function ensureDatabase(ownerUrl: string): Promise<boolean> {
  const name = databaseName(ownerUrl);
  return withClient(withDatabase(ownerUrl, 'postgres'), async (client) => {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (rowCount) return false;
    try {
      await client.query(`CREATE DATABASE "${name}"`);
    } catch (error) {
      // Another process created it at the same moment: that is fine.
      if ((error as { code?: string }).code !== '42P04') throw error;
    }
    return true;
  });
}

export async function dropDatabase(ownerUrl: string): Promise<void> {
  const name = databaseName(ownerUrl);
  await withClient(withDatabase(ownerUrl, 'postgres'), (client) =>
    client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`),
  );
}

/**
 * Makes sure the login role of DATABASE_URL exists as a member of `schakel_runtime`, and that it
 * is not a superuser and cannot bypass row-level security, whatever it was before.
 */
export async function ensureAppRole(ownerUrl: string, appUrl: string): Promise<void> {
  const u = new URL(appUrl);
  const role = decodeURIComponent(u.username);
  const password = decodeURIComponent(u.password);
  if (!SAFE_IDENTIFIER.test(role)) throw new Error(`App role "${role}" must match ${SAFE_IDENTIFIER}`);
  await withClient(ownerUrl, async (client) => {
    const { rows } = await client.query<{ owner: string }>('SELECT current_user AS owner');
    if (rows[0].owner === role) {
      throw new Error('DATABASE_URL must use another role than DATABASE_OWNER_URL, or row-level security would not apply');
    }
    await client.query(`
      DO $$
      BEGIN
        CREATE ROLE ${role} LOGIN;
      EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
      END $$`);
    await client.query(`ALTER ROLE ${role} LOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`);
    if (password) {
      await client.query(`SELECT format('ALTER ROLE %I PASSWORD %L', $1::text, $2::text) AS sql`, [role, password])
        .then(({ rows: r }) => client.query(r[0].sql as string));
    }
    await client.query(`GRANT schakel_runtime TO ${role}`);
  });
}

/** Runs pending migrations as the owning role; returns the names of those it ran. */
export async function runMigrations(ownerUrl: string, entities: EntityList = []): Promise<string[]> {
  const dataSource = await createDataSource({ url: ownerUrl, entities, poolSize: 1, applicationName: 'schakel-migrate' }).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts every migration (tests only: proves each `down` works). */
export async function revertAllMigrations(ownerUrl: string): Promise<number> {
  const dataSource = await createDataSource({ url: ownerUrl, entities: [], poolSize: 1 }).initialize();
  let reverted = 0;
  try {
    while ((await dataSource.query(`SELECT count(*)::int AS n FROM schema_migrations`))[0].n > 0) {
      await dataSource.undoLastMigration({ transaction: 'each' });
      reverted++;
    }
  } finally {
    await dataSource.destroy();
  }
  return reverted;
}

/**
 * The whole database set-up, as `npm run db:migrate` and `npm start` do it: create the database,
 * run migrations as the owner (they create `schakel_runtime`), then the app's login role.
 */
export async function prepareDatabase(ownerUrl: string, appUrl: string): Promise<string[]> {
  await ensureDatabase(ownerUrl);
  const ran = await runMigrations(ownerUrl);
  await ensureAppRole(ownerUrl, appUrl);
  return ran;
}

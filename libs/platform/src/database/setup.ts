import { Client } from 'pg';
import { createDataSource, type EntityList, type MigrationList } from './data-source';

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
export async function runMigrations(ownerUrl: string, migrations: MigrationList, entities: EntityList = []): Promise<string[]> {
  const dataSource = await createDataSource({ url: ownerUrl, entities, migrations, poolSize: 1, applicationName: 'schakel-migrate' }).initialize();
  try {
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await dataSource.destroy();
  }
}

/** Reverts every migration (tests only: proves each `down` works). */
export async function revertAllMigrations(ownerUrl: string, migrations: MigrationList): Promise<number> {
  const dataSource = await createDataSource({ url: ownerUrl, entities: [], migrations, poolSize: 1 }).initialize();
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
export async function prepareDatabase(ownerUrl: string, appUrl: string, migrations: MigrationList): Promise<string[]> {
  await ensureDatabase(ownerUrl);
  const ran = await runMigrations(ownerUrl, migrations);
  await ensureAppRole(ownerUrl, appUrl);
  return ran;
}

/**
 * Creates the database of `ownerUrl` as a copy of the one of `templateOwnerUrl` (already
 * migrated and seeded): `CREATE DATABASE … TEMPLATE …` copies the files, far faster than
 * migrating again. Tests use it for a database per suite. The template must have no open
 * connections meanwhile (PostgreSQL refuses with 55006; retried briefly).
 *
 * Roles and role memberships are cluster-wide, so the app role needs nothing. What lives in
 * `pg_database` instead of the database itself is not copied by PostgreSQL: the database's own
 * privileges (the migrations' `GRANT CONNECT … TO schakel_runtime`), its owner and its
 * `ALTER DATABASE … SET` settings are copied here, so a clone is what `prepareDatabase` makes.
 */
export async function cloneDatabase(templateOwnerUrl: string, ownerUrl: string): Promise<void> {
  const template = databaseName(templateOwnerUrl);
  const name = databaseName(ownerUrl);
  await withClient(withDatabase(ownerUrl, 'postgres'), async (client) => {
    for (let attempt = 1; ; attempt++) {
      try {
        await client.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        // 55006: someone is connected to the template right now; that passes.
        if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const { rows: [source] } = await client.query<{ owner: string; hasAcl: boolean }>(
      `SELECT pg_get_userbyid(datdba) AS owner, datacl IS NOT NULL AS "hasAcl" FROM pg_database WHERE datname = $1`,
      [template],
    );
    await client.query(`SELECT format('ALTER DATABASE %I OWNER TO %I', $1::text, $2::text) AS sql`, [name, source.owner])
      .then(({ rows }) => client.query(rows[0].sql as string));
    if (source.hasAcl) {
      // An explicit ACL: start from nothing (as the template's ACL lists every right it keeps).
      const statements = await client.query<{ sql: string }>(
        `SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', $2::text) AS sql
         UNION ALL
         SELECT format('GRANT %s ON DATABASE %I TO %s%s', a.privilege_type, $2::text,
                       CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(pg_get_userbyid(a.grantee)) END,
                       CASE WHEN a.is_grantable THEN ' WITH GRANT OPTION' ELSE '' END)
           FROM pg_database d, aclexplode(d.datacl) a
          WHERE d.datname = $1 AND a.grantee <> d.datdba`,
        [template, name],
      );
      for (const { sql } of statements.rows) await client.query(sql);
    }
    const settings = await client.query<{ sql: string }>(
      `SELECT CASE WHEN s.setrole = 0
                   THEN format('ALTER DATABASE %I SET %s = %L', $2::text, split_part(c, '=', 1), substr(c, strpos(c, '=') + 1))
                   ELSE format('ALTER ROLE %I IN DATABASE %I SET %s = %L', pg_get_userbyid(s.setrole), $2::text, split_part(c, '=', 1), substr(c, strpos(c, '=') + 1))
              END AS sql
         FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase, unnest(s.setconfig) c
        WHERE d.datname = $1`,
      [template, name],
    );
    for (const { sql } of settings.rows) await client.query(sql);
  });
}

/**
 * After a template is migrated and seeded: no connections to it from now on, so it can be
 * cloned at any moment (a stray connection would make every clone wait or fail).
 */
export async function sealTemplate(templateOwnerUrl: string): Promise<void> {
  const name = databaseName(templateOwnerUrl);
  await withClient(withDatabase(templateOwnerUrl, 'postgres'), async (client) => {
    await client.query(`ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
    await client.query(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()`, [name]);
  });
}

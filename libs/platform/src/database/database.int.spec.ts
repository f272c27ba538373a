import { Client } from 'pg';
import { currentTestEnvironment } from '@schakel/testing';
import { createDataSource } from './data-source';
import { runInTenant } from './tenant-transactions';
import { ensureAppRole } from './setup';

const env = currentTestEnvironment();

async function query<T = Record<string, unknown>>(url: string, sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}

describe('the app role', () => {
  it('is no superuser, cannot bypass RLS, owns nothing and cannot change the schema', async () => {
    const [role] = await query<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean; rolcreatedb: boolean; member: boolean }>(
      env.appUrl,
      `SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb, pg_has_role(current_user, 'schakel_runtime', 'MEMBER') AS member
         FROM pg_roles WHERE rolname = current_user`,
    );
    expect(role).toEqual({ rolsuper: false, rolbypassrls: false, rolcreaterole: false, rolcreatedb: false, member: true });
    const owned = await query<{ n: number }>(env.appUrl, `SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user`);
    expect(owned[0].n).toBe(0);
    await expect(query(env.appUrl, `CREATE TABLE sneaky (id int)`)).rejects.toThrow(/permission denied/);
    await expect(query(env.appUrl, `DROP TABLE organisations`)).rejects.toThrow(/must be owner/);
  });

  it('refuses to run as the owner role, which RLS would not apply to', async () => {
    await expect(ensureAppRole(env.ownerUrl, env.ownerUrl)).rejects.toThrow(/another role/);
  });

  describe('row-level security', () => {
    const orgA = '00000000-0000-4000-8000-00000000000a';
    const orgB = '00000000-0000-4000-8000-00000000000b';

    beforeAll(async () => {
      // A case-like table as later migrations create them: FORCE RLS with a policy on the tenant setting.
      await query(env.ownerUrl, `
        CREATE TABLE rls_probe (id serial PRIMARY KEY, organisation_id uuid NOT NULL, note text);
        ALTER TABLE rls_probe ENABLE ROW LEVEL SECURITY;
        ALTER TABLE rls_probe FORCE ROW LEVEL SECURITY;
        CREATE POLICY rls_probe_tenant ON rls_probe
          USING (organisation_id = NULLIF(current_setting('app.organisation_id', true), '')::uuid)
          WITH CHECK (organisation_id = NULLIF(current_setting('app.organisation_id', true), '')::uuid);
        GRANT SELECT, INSERT ON rls_probe TO schakel_runtime;
        GRANT USAGE ON SEQUENCE rls_probe_id_seq TO schakel_runtime;
        INSERT INTO rls_probe (organisation_id, note) VALUES ('${orgA}', 'a1'), ('${orgA}', 'a2'), ('${orgB}', 'b1');`);
    });
    afterAll(() => query(env.ownerUrl, `DROP TABLE rls_probe`));

    it('shows the app role only the rows of the organisation set in the transaction', async () => {
      const ds = await createDataSource({ url: env.appUrl, entities: [], poolSize: 1 }).initialize();
      try {
        const seenByA = await runInTenant(ds, { organisationId: orgA }, (m) => m.query(`SELECT note FROM rls_probe ORDER BY note`));
        expect(seenByA).toEqual([{ note: 'a1' }, { note: 'a2' }]);
        // Without an organisation set: nothing at all.
        expect(await ds.query(`SELECT note FROM rls_probe`)).toEqual([]);
        // Writing a row for another organisation is refused.
        await expect(
          runInTenant(ds, { organisationId: orgA }, (m) => m.query(`INSERT INTO rls_probe (organisation_id, note) VALUES ($1, 'x')`, [orgB])),
        ).rejects.toThrow(/row-level security/);
      } finally {
        await ds.destroy();
      }
    });

    it('does not leak the organisation to the next transaction on the same pooled connection', async () => {
      const ds = await createDataSource({ url: env.appUrl, entities: [], poolSize: 1 }).initialize();
      try {
        await runInTenant(ds, { organisationId: orgB }, (m) => m.query(`SELECT 1`));
        const [setting] = await ds.query(`SELECT NULLIF(current_setting('app.organisation_id', true), '') AS org`);
        expect(setting.org).toBeNull();
        expect(await ds.query(`SELECT note FROM rls_probe`)).toEqual([]);
      } finally {
        await ds.destroy();
      }
    });
  });
});

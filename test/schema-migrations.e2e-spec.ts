import { Client } from 'pg';
import { dropDatabase, ensureDatabase, revertAllMigrations, runMigrations } from '@schakel/platform';
import { currentTestEnvironment } from '@schakel/testing';
import { SCHEMA_MIGRATIONS } from '../scripts/lib/schema-migrations';

const env = currentTestEnvironment();

async function tableCount(url: string): Promise<number> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'`);
    return rows[0].n;
  } finally {
    await client.end();
  }
}

describe('the schema history (every lib its own migrations, one run)', () => {
  const scratch = env.ownerUrl.replace(/\/([^/]+)$/, '/$1_m');

  afterAll(() => dropDatabase(scratch));

  it('is in timestamp order with unique names', () => {
    const names = SCHEMA_MIGRATIONS.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    const stamps = names.map((n) => Number(/(\d{13})$/.exec(n)![1]));
    expect([...stamps].sort((a, b) => a - b)).toEqual(stamps);
  });

  it('runs up from an empty database, down to nothing, and up again', async () => {
    expect(await ensureDatabase(scratch)).toBe(true);
    expect(await ensureDatabase(scratch)).toBe(false);
    const first = await runMigrations(scratch, SCHEMA_MIGRATIONS);
    expect(first).toEqual(SCHEMA_MIGRATIONS.map((m) => m.name));
    expect(await runMigrations(scratch, SCHEMA_MIGRATIONS)).toEqual([]);

    expect(await revertAllMigrations(scratch, SCHEMA_MIGRATIONS)).toBe(SCHEMA_MIGRATIONS.length);
    expect(await tableCount(scratch)).toBe(0);

    expect(await runMigrations(scratch, SCHEMA_MIGRATIONS)).toHaveLength(SCHEMA_MIGRATIONS.length);
  });
});

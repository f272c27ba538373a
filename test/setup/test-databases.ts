// A plain module (see global-setup.ts): only pg and the test environment's naming.
import { Client } from 'pg';
import { TEST_DATABASE_PREFIX, testDatabaseStartedAt } from '../../libs/testing/src/test-environment';

/** Databases of runs that started longer ago than this are left-overs of interrupted runs. */
export const STALE_AFTER_MS = 6 * 3600_000;

const quoted = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * Drops every database of this run (its template, its shared database and whatever a suite that
 * crashed left behind), and databases of runs that started more than STALE_AFTER_MS ago and that
 * nobody is connected to: a run that was interrupted never reached its teardown. Databases of
 * other runs still going are younger, or in use, and stay.
 */
export async function dropTestDatabases(ownerUrl: string, runId: string, now = Date.now()): Promise<string[]> {
  const admin = new URL(ownerUrl);
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
  await client.connect();
  const dropped: string[] = [];
  try {
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE starts_with(datname, $1) ORDER BY datname`, [TEST_DATABASE_PREFIX]);
    for (const { datname } of rows) {
      const ours = datname === `${TEST_DATABASE_PREFIX}${runId}` || datname.startsWith(`${TEST_DATABASE_PREFIX}${runId}_`);
      const started = testDatabaseStartedAt(datname);
      const stale = !ours && started !== undefined && now - started.getTime() > STALE_AFTER_MS;
      if (!ours && !stale) continue;
      try {
        // Our own go even with connections left open; someone else's only when unused.
        await client.query(`DROP DATABASE IF EXISTS ${quoted(datname)}${ours ? ' WITH (FORCE)' : ''}`);
        dropped.push(datname);
      } catch (error) {
        if (ours) throw error;
      }
    }
  } finally {
    await client.end();
  }
  return dropped;
}

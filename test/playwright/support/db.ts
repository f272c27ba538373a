import { Client } from 'pg';
import { stack } from './stack';

/** Runs `work` with a connection as the database owner (no row-level security), then closes it. */
export async function withOwnerDb<T>(work: (db: Client) => Promise<T>): Promise<T> {
  const db = new Client({ connectionString: stack().ownerUrl, connectionTimeoutMillis: 5000 });
  await db.connect();
  try {
    return await work(db);
  } finally {
    await db.end();
  }
}

/** One query as the owner; returns the rows. */
export async function ownerQuery<R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> {
  return withOwnerDb(async (db) => (await db.query<R>(sql, params)).rows);
}

export async function organisationIdBySlug(slug: string): Promise<string> {
  const rows = await ownerQuery<{ id: string }>('SELECT id FROM organisations WHERE slug = $1', [slug]);
  if (!rows[0]) throw new Error(`Geen organisatie met slug ${slug}`);
  return rows[0].id;
}

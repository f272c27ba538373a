import type { DataSource } from 'typeorm';
import { hashSecret } from '../machine-clients/secret-hash';
import { validateOrganisationCodes } from '../organisation.validators';
import { DEMO_CLIENT_SCOPES, DEMO_MACHINE_CLIENTS, DEMO_ORGANISATIONS, DEMO_PERSONAS, DEMO_ROLES, demoUsername } from './demo-data';

export interface SeedResult {
  organisationsCreated: number;
  employeesCreated: number;
}

/**
 * Seeds the demo organisations and one employee per role in each. Idempotent: existing rows (by
 * slug or username) are left as they are, so running it again creates nothing and undoes no
 * change an administrator made.
 */
export async function seedDemoData(dataSource: DataSource): Promise<SeedResult> {
  return dataSource.transaction(async (manager) => {
    let organisationsCreated = 0;
    let employeesCreated = 0;
    for (const org of DEMO_ORGANISATIONS) {
      const check = validateOrganisationCodes(org.kind, org.oin, org.gemeentecode);
      if (!check.valid) throw new Error(`Demo organisation ${org.slug}: ${check.reason}`);
      const inserted: unknown[] = await manager.query(
        `INSERT INTO organisations (slug, name, kind, oin, gemeentecode)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (slug) DO NOTHING
         RETURNING id`,
        [org.slug, org.name, org.kind, org.oin, org.gemeentecode],
      );
      organisationsCreated += inserted.length;
      const [{ id: organisationId }] = await manager.query<Array<{ id: string }>>(
        `SELECT id FROM organisations WHERE slug = $1`,
        [org.slug],
      );
      for (const { handle, role, title } of DEMO_ROLES) {
        const created: unknown[] = await manager.query(
          `INSERT INTO employees (organisation_id, username, display_name, roles)
           VALUES ($1, $2, $3, ARRAY[$4]::employee_role[])
           ON CONFLICT (username) DO NOTHING
           RETURNING id`,
          [organisationId, demoUsername(handle, org.slug), `${title} ${org.name} (demo)`, role],
        );
        employeesCreated += created.length;
      }
    }
    return { organisationsCreated, employeesCreated };
  });
}

/** Seeds the named demo people (DEMO_PERSONAS) after seedDemoData. Idempotent like it; returns how many are new. */
export async function seedDemoPersonas(dataSource: DataSource): Promise<number> {
  let created = 0;
  for (const person of DEMO_PERSONAS) {
    const inserted: unknown[] = await dataSource.query(
      `INSERT INTO employees (organisation_id, username, display_name, roles)
       SELECT id, $2, $3, ARRAY[$4]::employee_role[] FROM organisations WHERE slug = $1
       ON CONFLICT (username) DO NOTHING RETURNING id`,
      [person.organisationSlug, person.username, person.displayName, person.role],
    );
    created += inserted.length;
  }
  return created;
}

/**
 * Seeds the demo machine clients (all scopes). Idempotent; a client that exists keeps its
 * secret. `secretFor` returns null where no secret may be set (production without one configured).
 */
export async function seedDemoMachineClients(dataSource: DataSource, secretFor: (clientId: string) => string | null): Promise<number> {
  let created = 0;
  for (const client of DEMO_MACHINE_CLIENTS) {
    const secret = secretFor(client.clientId);
    if (!secret) continue;
    const exists: unknown[] = await dataSource.query(`SELECT 1 FROM machine_clients WHERE client_id = $1`, [client.clientId]);
    if (exists.length) continue;
    const inserted: unknown[] = await dataSource.query(
      `INSERT INTO machine_clients (organisation_id, client_id, name, secret_hash, scopes)
       SELECT id, $2, $3, $4, $5 FROM organisations WHERE slug = $1
       ON CONFLICT (client_id) DO NOTHING RETURNING id`,
      [client.organisationSlug, client.clientId, client.name, await hashSecret(secret), [...DEMO_CLIENT_SCOPES]],
    );
    created += inserted.length;
  }
  return created;
}

import type { DataSource } from 'typeorm';
import { validateOrganisationCodes } from '../organisation.validators';
import { DEMO_ORGANISATIONS, DEMO_ROLES, demoUsername } from './demo-data';

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

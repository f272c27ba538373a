import { runInTenant, switchTenant } from '@schakel/platform';
import type { DataSource, EntityManager } from 'typeorm';

/**
 * Reads the same thing for several organisations in one transaction, each under its own tenant,
 * so row-level security gives every statement only that organisation's rows. Used for the joint
 * report of a FINAL action list, after ReportScopes has checked the caller is a party.
 */
export async function readPerOrganisation<T>(dataSource: DataSource, organisationIds: readonly string[], read: (m: EntityManager, organisationId: string) => Promise<T>): Promise<Map<string, T>> {
  const result = new Map<string, T>();
  if (organisationIds.length === 0) return result;
  await runInTenant(dataSource, { organisationId: organisationIds[0] }, async (m) => {
    for (const id of organisationIds) {
      await switchTenant(m, id);
      result.set(id, await read(m, id));
    }
  });
  return result;
}

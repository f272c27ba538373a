import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

export interface TenantScope {
  /** The organisation on whose behalf the work runs; row-level security reads it. */
  organisationId: string;
}

/**
 * Runs a unit of work in one transaction with `app.organisation_id` set transaction-locally
 * (`set_config(…, true)`), so row-level security applies and the value can never leak to a later
 * transaction on the same pooled connection. Used for requests and jobs alike.
 */
@Injectable()
export class TenantTransactions {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(scope: TenantScope, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return runInTenant(this.dataSource, scope, work);
  }
}

export async function runInTenant<T>(
  dataSource: DataSource,
  scope: TenantScope,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  return dataSource.transaction(async (manager) => {
    await manager.query(`SELECT set_config('app.organisation_id', $1, true)`, [scope.organisationId]);
    return work(manager);
  });
}

/**
 * Moves the current transaction to another organisation's tenant (transaction-local like
 * runInTenant). For platform jobs that must change one case in every organisation of its chain
 * atomically (the retention job): each statement still runs under that organisation's policies,
 * and nothing needs a role that bypasses row-level security.
 */
export async function switchTenant(manager: EntityManager, organisationId: string): Promise<void> {
  await manager.query(`SELECT set_config('app.organisation_id', $1, true)`, [organisationId]);
}

/**
 * Runs an UPDATE/DELETE … RETURNING and gives back the rows. (TypeORM's query() answers such
 * statements with [rows, count]; the structured result is unambiguous.) Inside a transaction
 * pass its manager; outside one, the DataSource (a connection is taken from the pool for it).
 */
export async function queryReturning<T>(on: EntityManager | DataSource, sql: string, params: unknown[]): Promise<T[]> {
  const owned = on instanceof DataSource ? on.createQueryRunner() : undefined;
  const runner = owned ?? (on as EntityManager).queryRunner;
  if (!runner) throw new Error('queryReturning needs a transaction manager or a DataSource');
  try {
    const result = await runner.query(sql, params, true);
    return result.records as T[];
  } finally {
    await owned?.release();
  }
}

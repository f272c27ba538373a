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

/** A tenant is an organisation id: a uuid, checked before it is written into a statement. */
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What runInTenant sets on TypeORM's query runner, so that the runner knows it is in a transaction. */
interface TransactionState {
  isTransactionActive: boolean;
  transactionDepth: number;
}

export async function runInTenant<T>(
  dataSource: DataSource,
  scope: TenantScope,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  if (!UUID.test(scope.organisationId)) throw new Error('runInTenant: the organisation id must be a uuid');
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  const state = runner as unknown as TransactionState;
  try {
    // One round trip for both (simple query protocol, no parameters: the id is a checked uuid),
    // where START TRANSACTION and set_config were two. TypeORM is told the transaction is open,
    // so a nested transaction in `work` becomes a savepoint and never commits this one early.
    await runner.query(`START TRANSACTION; SELECT set_config('app.organisation_id', '${scope.organisationId.toLowerCase()}', true)`);
    state.isTransactionActive = true;
    state.transactionDepth = 1;
    try {
      const result = await work(runner.manager);
      await runner.query('COMMIT');
      return result;
    } catch (error) {
      await runner.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      state.isTransactionActive = false;
      state.transactionDepth = 0;
    }
  } finally {
    await runner.release();
  }
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

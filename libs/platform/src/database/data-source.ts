import { DataSource, type DataSourceOptions, type EntitySchema, type MigrationInterface, type MixedList } from 'typeorm';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
export type EntityList = MixedList<Function | string | EntitySchema>;

/** The schema's migrations: each domain lib owns those of its tables; the caller puts them together. */
export type MigrationList = Array<new () => MigrationInterface>;

export interface DataSourceSettings {
  url: string;
  entities: EntityList;
  /** Only where the schema is migrated (setup.ts); a request's data source never runs them. */
  migrations?: MigrationList;
  poolSize?: number;
  applicationName?: string;
}

/**
 * One place that builds TypeORM options. `synchronize` is off for good: the schema changes only
 * through the migrations of the libs that own the tables, run by the owning role (see setup.ts).
 */
export function dataSourceOptions(settings: DataSourceSettings): DataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    entities: settings.entities,
    migrations: settings.migrations ?? [],
    migrationsTableName: 'schema_migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    poolSize: settings.poolSize ?? 10,
    applicationName: settings.applicationName ?? 'schakel',
    extra: {
      // Fail fast when PostgreSQL is away instead of hanging a request.
      connectionTimeoutMillis: 5000,
      statement_timeout: 15000,
      idle_in_transaction_session_timeout: 30000,
    },
  };
}

export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}

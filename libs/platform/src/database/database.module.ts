import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG } from '../config/config.module';
import type { AppConfig } from '../config/config.schema';
import { createDataSource, type EntityList } from './data-source';
import { TenantTransactions } from './tenant-transactions';

export interface DatabaseModuleOptions {
  entities: EntityList;
  applicationName: string;
  /** Pool size from the configuration; by default DATABASE_POOL_SIZE. */
  poolSize?: (config: AppConfig) => number;
}

@Injectable()
class DataSourceCloser implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}
  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}

/**
 * Provides the application's DataSource, connected as the non-owner app role (DATABASE_URL),
 * which row-level security applies to. The app composes the entity list from the domain libraries.
 */
@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      providers: [
        {
          provide: DataSource,
          inject: [APP_CONFIG],
          useFactory: async (config: AppConfig): Promise<DataSource> =>
            createDataSource({
              url: config.DATABASE_URL,
              entities: options.entities,
              poolSize: options.poolSize?.(config) ?? config.DATABASE_POOL_SIZE,
              applicationName: options.applicationName,
            }).initialize(),
        },
        TenantTransactions,
        DataSourceCloser,
      ],
      exports: [DataSource, TenantTransactions],
    };
  }
}

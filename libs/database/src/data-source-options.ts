import type { DataSourceOptions, Logger as TypeOrmLogger, MixedList, EntitySchema } from 'typeorm';
import { MIGRATIONS } from '@loopwright/migrations';
import { NestTypeOrmLogger } from './nest-typeorm-logger.js';

export interface DatabaseConnection {
  url: string;
  poolSize?: number;
  /** Entity classes; the Nest app registers them through `autoLoadEntities` instead. */
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities?: MixedList<Function | string | EntitySchema>;
  logger?: TypeOrmLogger;
  applicationName?: string;
}

/** The one set of DataSource options, used by the services, the tests and the migration scripts. */
export function buildDataSourceOptions(connection: DatabaseConnection): DataSourceOptions {
  return {
    type: 'postgres',
    url: connection.url,
    entities: connection.entities ?? [],
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    // gen_random_uuid() is built into PostgreSQL 13+: no extension to install.
    uuidExtension: 'pgcrypto',
    installExtensions: false,
    migrationsRun: false,
    logger: connection.logger ?? new NestTypeOrmLogger(),
    logging: ['query', 'error', 'warn', 'migration', 'schema'],
    maxQueryExecutionTime: 1_000,
    applicationName: connection.applicationName ?? 'loopwright',
    extra: {
      max: connection.poolSize ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
    },
  };
}

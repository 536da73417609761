import { Logger, Module, type DynamicModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, parseEnvironment } from '@loopwright/core';
import type { DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions, type DatabaseConnection } from './data-source-options.js';
import { connectWithRetry, runMigrationsLocked } from './connect.js';
import { CountingQueryLogger } from './query-counter.js';

/** The PostgreSQL connection of a process; migrations run here before any feature touches the schema. */
@Module({})
export class DatabaseModule {
  /** `entities` is the full list (the same one the migration scripts compare the schema with). */
  static forRoot({ entities }: { entities: DatabaseConnection['entities'] }): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [AppConfig],
          useFactory: (config: AppConfig) => ({
            ...buildDataSourceOptions({
              url: config.databaseUrl,
              poolSize: config.databasePoolSize,
              entities,
              logger: config.queryCounting ? new CountingQueryLogger((message) => new Logger('Database').error(message)) : undefined,
            }),
            retryAttempts: 0,
          }),
          dataSourceFactory: async (options?: DataSourceOptions) => {
            if (!options) throw new Error('DataSource options are missing');
            const logger = new Logger('Database');
            const dataSource = await connectWithRetry(options, { log: (message) => logger.warn(message) });
            if (parseEnvironment(process.env).MIGRATE_ON_START) {
              const applied = await runMigrationsLocked(dataSource);
              if (applied.length > 0) logger.log(`Applied migrations: ${applied.join(', ')}`);
            }
            return dataSource;
          },
        }),
      ],
    };
  }
}

import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig, parseEnvironment } from '@loopwright/core';
import type { DataSourceOptions } from 'typeorm';
import { buildDataSourceOptions } from './data-source-options.js';
import { connectWithRetry, runMigrationsLocked } from './connect.js';

/** The PostgreSQL connection of a process; migrations run here before any feature touches the schema. */
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        ...buildDataSourceOptions({ url: config.databaseUrl, poolSize: config.databasePoolSize }),
        autoLoadEntities: true,
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
})
export class DatabaseModule {}

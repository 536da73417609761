import { buildDataSourceOptions } from '@loopwright/database';
import { DataSource } from 'typeorm';
import { ENTITIES } from './entities.js';

/** The DataSource of the migration scripts (`npm run migration:*`), built from the same options as the services. */
export function createCliDataSource(url: string): DataSource {
  return new DataSource(buildDataSourceOptions({ url, entities: ENTITIES, poolSize: 2 }));
}

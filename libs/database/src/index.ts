export * from './connect.js';
export * from './data-source-options.js';
export * from './database-url.js';
export * from './database.module.js';
export * from './embedded-postgres.js';
export * from './prepare-database.js';
export * from './job-queue.js';
export * from './job-queue.module.js';

export * from './factories.js';
export * from './loop-setup.js';
export * from './ports.js';
export * from './scorecard-setup.js';
export * from './sql-statements.js';
export * from './test-app.js';
export * from './test-database.js';
export * from './zip.js';

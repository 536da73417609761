export * from './factories.js';
export * from './test-app.js';
export * from './test-database.js';
export * from './zip.js';
export * from './browser.js';

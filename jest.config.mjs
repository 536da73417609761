/** Jest in native ESM mode (NestJS 12 ships only ES modules); run through `npm test`. */
const shared = {
  extensionsToTreatAsEsm: ['.ts'],
  testEnvironment: 'node',
  moduleNameMapper: {
    '^@loopwright/migrations$': '<rootDir>/migrations/index.ts',
    '^@loopwright/(.*)$': '<rootDir>/libs/$1/src/index.ts',
    '^(\\.{1,2}/.*)\\.js$': '$1',
  },
  transform: {
    '^.+\\.ts$': ['ts-jest', { useESM: true, tsconfig: '<rootDir>/tsconfig.json', diagnostics: false }],
  },
};

export default {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      rootDir: '.',
      testMatch: ['<rootDir>/libs/**/*.spec.ts', '<rootDir>/apps/**/*.spec.ts'],
    },
    {
      ...shared,
      displayName: 'e2e',
      rootDir: '.',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/global-setup.mjs',
      globalTeardown: '<rootDir>/test/global-teardown.mjs',
      setupFiles: ['<rootDir>/libs/testing/src/setup-env.ts'],
    },
  ],
  // A global option: Jest ignores it inside a project. Generous, so that a busy 2-core machine (set-up of an app, a
  // team and a browser in beforeAll takes 30 s and more there) fails no test by its speed; no test waits on the clock.
  testTimeout: 120_000,
  // Each test file loads the whole app's module graph again (ESM vm modules), and a worker never gives it back: after
  // ~70 files a worker held 4 GB and spent its time collecting garbage (unit specs of a second took a minute). A
  // worker over this much memory after a file is replaced by a fresh one (same JEST_WORKER_ID, same test database).
  workerIdleMemoryLimit: process.env.JEST_WORKER_MEMORY_LIMIT ?? '1200MB',
};

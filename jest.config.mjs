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
};

import { LOG_DESTINATION } from '@loopwright/core';
import { Writable } from 'node:stream';
import { createTestApp, type TestApp } from './test-app.js';

export interface LoggedTestApp extends TestApp {
  /** Every log line the app wrote, as written (JSON). */
  lines: string[];
}

/**
 * An app whose log lines at `level` are kept in `lines`. The log destination is read when the app is built: a test
 * file that reads log lines builds only this one app. Closing it puts LOG_LEVEL back to the tests' own.
 */
export async function createLoggedTestApp(level: string): Promise<LoggedTestApp> {
  const lines: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  const testApp = await createTestApp({ LOG_LEVEL: level }, (builder) => builder.overrideProvider(LOG_DESTINATION).useValue(destination));
  return {
    ...testApp,
    lines,
    close: async () => {
      await testApp.close();
      process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
    },
  };
}

export default async function globalTeardown(): Promise<void> {
  await globalThis.__LOOPWRIGHT_TEST_POSTGRES__?.stop();
}

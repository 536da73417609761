/**
 * A dispatcher in a process of its own, for the test that kills one mid-dispatch (`test/events-kill.e2e-spec.ts`).
 * PROBES names its subscribers (comma-separated, each handling `candidate.updated`); with BLOCK_IN set to one of them,
 * that one never returns from its first handler. Over IPC it answers `ready` once started, `handling` when a
 * handler is entered, and `drained` after each `drain` it is asked for.
 */
import 'reflect-metadata';
import { assertTestDatabase } from './test-database.js';
import { createDispatcher, ProbeSubscriber } from './event-probes.js';

type ChildMessage = { ready: true } | { handling: { subscriber: string; eventId: string } } | { drained: number };

const send = (message: ChildMessage): void => void process.send?.(message);

async function main(): Promise<void> {
  assertTestDatabase(process.env.DATABASE_URL ?? '');
  const blockIn = process.env.BLOCK_IN ?? '';
  const probes = (process.env.PROBES ?? '').split(',').map(
    (name) =>
      new ProbeSubscriber(name, ['candidate.updated'], async (event) => {
        send({ handling: { subscriber: name, eventId: event.id } });
        // Held inside the handler, its transaction open, until the test kills this process.
        if (name === blockIn) await new Promise<never>(() => undefined);
      }),
  );
  const { dispatcher } = await createDispatcher(probes);
  process.on('message', (message: { drain?: boolean }) => {
    if (message.drain) void dispatcher.drain().then((attempts) => send({ drained: attempts }));
  });
  send({ ready: true });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});

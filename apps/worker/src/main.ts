import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { prepareDatabase, runUntilSignalled, startupLogger } from '@loopwright/database';
import { AppLogger } from '@loopwright/core';
import { WorkerModule } from './worker.module.js';

async function bootstrap(): Promise<void> {
  const log = startupLogger('worker');
  const database = await prepareDatabase(log);
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(AppLogger));
  await app.init();
  log.info('Worker connected to the database and waiting for jobs');
  runUntilSignalled(log, async () => {
    await app.close();
    await database.stop();
  });
}

bootstrap().catch((error: unknown) => {
  startupLogger('worker').fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

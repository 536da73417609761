import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig, AppLogger } from '@loopwright/core';
import { BootstrapService } from '@loopwright/onboarding';
import { prepareDatabase, runUntilSignalled, startupLogger } from '@loopwright/database';
import { AppModule } from './app.module.js';
import { configureApp, createFastifyAdapter } from './configure-app.js';
import { startBanner } from './start-banner.js';

async function bootstrap(): Promise<void> {
  const log = startupLogger('api');
  const database = await prepareDatabase(log);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { bufferLogs: true });
  await configureApp(app);
  const config = app.get(AppConfig);
  await app.listen({ port: config.port, host: config.host });
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const demoLogins = app.get(BootstrapService).demoLogins;
  const [{ exists: hasUsers }] = (await app.get(DataSource).query('SELECT EXISTS (SELECT 1 FROM users) AS exists')) as {
    exists: boolean;
  }[];
  // Last, once the start-up logs are written (pino writes asynchronously), so it does not scroll away.
  await new Promise<void>((resolve) => app.get(AppLogger).pino.flush(() => resolve()));
  process.stdout.write(
    startBanner({
      url,
      embeddedDataDir: database.embedded?.dataDir ?? null,
      embeddedPort: process.env.EMBEDDED_POSTGRES_PORT,
      demoLogins,
      hasUsers,
    }),
  );
  runUntilSignalled(log, async () => {
    await app.close();
    await database.stop();
  });
}

bootstrap().catch((error: unknown) => {
  startupLogger('api').fatal(error instanceof Error ? error.message : String(error));
  process.exit(1);
});

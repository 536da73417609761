import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '@loopwright/core';
import { BootstrapService } from '@loopwright/identity';
import { prepareDatabase, runUntilSignalled, startupLogger } from '@loopwright/database';
import { AppModule } from './app.module.js';
import { configureApp, createFastifyAdapter } from './configure-app.js';

async function bootstrap(): Promise<void> {
  const log = startupLogger('api');
  const database = await prepareDatabase(log);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(), { bufferLogs: true });
  await configureApp(app);
  const config = app.get(AppConfig);
  await app.listen({ port: config.port, host: config.host });
  const url = (await app.getUrl()).replace('[::1]', 'localhost');
  const demoLogins = app.get(BootstrapService).demoLogins;
  process.stdout.write(
    [
      '',
      `Loopwright API is listening on ${url}/api`,
      `  API docs:     ${url}/docs`,
      `  Health:       ${url}/health`,
      database.embedded ? `  Data:         embedded PostgreSQL in ${database.embedded.dataDir}` : '  Data:         PostgreSQL at DATABASE_URL',
      ...(demoLogins.length > 0
        ? ['', '  Demo logins (POST /api/auth/login):', ...demoLogins.map((login) => `    ${login.email.padEnd(36)} ${login.password}   ${login.roles.join(', ')}`)]
        : []),
      '',
    ].join('\n') + '\n',
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

import 'reflect-metadata';
import { prepareDatabase, startupLogger } from '@loopwright/database';
import { CommandFactory } from 'nest-commander';
import { CliModule } from './cli.module.js';

async function main(): Promise<void> {
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SEED_DEMO ??= 'false';
  const log = startupLogger('cli');
  const database = await prepareDatabase(log);
  try {
    await CommandFactory.run(CliModule, {
      logger: ['error', 'warn'],
      errorHandler: (error) => {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      },
      serviceErrorHandler: (error) => {
        process.stderr.write(`${error.message}\n`);
        process.exitCode = 1;
      },
    });
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

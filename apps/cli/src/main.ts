import 'reflect-metadata';
import { prepareDatabase, startupLogger } from '@loopwright/database';
import type { Command, Help } from 'commander';
import { CommandFactory } from 'nest-commander';
import { CliHelpModule } from './cli-help.module.js';
import { CliModule } from './cli.module.js';

/** What `npm run cli -- <command>` runs; also the program name in the help. */
export const CLI_NAME = 'loopwright';
const COMMANDS = new Set(['create-admin', 'import-questions']);

export const DATABASE_HELP = `
Database: the commands use the same settings as the running API (environment or .env):
  DATABASE_URL                    your PostgreSQL, e.g. postgres://user:pass@host:5432/loopwright
  DATA_DIR, EMBEDDED_POSTGRES_PORT  without DATABASE_URL: the embedded PostgreSQL the API uses
                                  (defaults ./.data and 54329; give the API's values when it was started with others)

Run it as: npm run cli -- <command> [options]    e.g. npm run cli -- create-admin --org "Acme" --email ada@acme.example
`;

/** Commander already printed its own message (help, unknown command, missing option): only the exit code is left. */
interface CommanderErrorLike extends Error {
  code: string;
  exitCode: number;
}
const isCommanderError = (error: unknown): error is CommanderErrorLike =>
  error instanceof Error &&
  typeof (error as Partial<CommanderErrorLike>).code === 'string' &&
  (error as CommanderErrorLike).code.startsWith('commander.');

type RunOptions = Exclude<Parameters<typeof CommandFactory.run>[1], undefined | false | unknown[]> & { errorHandler?: unknown };

function runOptions(): RunOptions {
  return {
    cliName: CLI_NAME,
    logger: ['error', 'warn'],
    helpConfiguration: {
      formatHelp(command: Command, helper: Help): string {
        const base = (Object.getPrototypeOf(helper) as { formatHelp: typeof helper.formatHelp }).formatHelp.call(helper, command, helper);
        return `${base}${DATABASE_HELP}`;
      },
    },
    // Throw, so that the embedded database is stopped before the exit; reported in main().
    errorHandler: (error: Error) => {
      throw error;
    },
    serviceErrorHandler: (error: Error) => {
      if (isCommanderError(error)) {
        process.exitCode = error.exitCode;
        return;
      }
      process.stderr.write(`${error.message}\n`);
      process.exitCode = 1;
    },
  };
}

async function main(): Promise<void> {
  // Commander names the program after the script file (main.js): show the name people type.
  process.argv[1] = CLI_NAME;
  const args = process.argv.slice(2);
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (!COMMANDS.has(args[0] ?? '') || wantsHelp) {
    // Help, no command or an unknown one: nothing needs the database.
    await CommandFactory.run(CliHelpModule, runOptions());
    return;
  }
  process.env.LOG_LEVEL ??= 'warn';
  process.env.SEED_DEMO ??= 'false';
  const log = startupLogger('cli');
  const database = await prepareDatabase(log);
  try {
    await CommandFactory.run(CliModule, runOptions());
  } finally {
    await database.stop();
  }
}

main().catch((error: unknown) => {
  if (isCommanderError(error)) {
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});

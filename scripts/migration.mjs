// npm run migration:run | migration:revert | migration:check | migration:generate -- <Name>
// run/revert act on DATABASE_URL (or the embedded default database); check/generate migrate a scratch
// database on the same server and compare it with the entities: check fails on any difference.
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const root = process.cwd();
const [command, name] = process.argv.slice(2);
if (!['run', 'revert', 'check', 'generate'].includes(command)) {
  console.error('usage: migration.mjs run|revert|check|generate <Name>');
  process.exit(2);
}
if (command === 'generate' && !/^[A-Z][A-Za-z0-9]+$/.test(name ?? '')) {
  console.error('usage: npm run migration:generate -- <PascalCaseName>');
  process.exit(2);
}

execFileSync('node', [path.join(root, 'scripts/build-if-needed.mjs')], { stdio: 'inherit' });
const { createCliDataSource } = await import(path.join(root, 'dist/apps/api/src/data-source.js'));
const database = await import(path.join(root, 'dist/libs/database/src/index.js'));

let embedded = null;
async function serverUrl() {
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  embedded = await database.startEmbeddedPostgres({
    dataDir: path.resolve(process.env.DATA_DIR ?? '.data', 'postgres'),
    port: Number(process.env.EMBEDDED_POSTGRES_PORT ?? 54329),
    log: (message) => console.error(message),
  });
  await database.createDatabaseIfMissing(embedded.url, 'loopwright');
  return database.withDatabase(embedded.url, 'loopwright');
}

const literal = (text) => '`' + text.replaceAll('\\', '\\\\').replaceAll('`', '\\`').replaceAll('${', '\\${') + '`';
const statement = (query) =>
  `    await queryRunner.query(${literal(query.query)}${query.parameters?.length ? `, ${JSON.stringify(query.parameters)}` : ''});`;

function writeMigration(migrationName, sql) {
  const timestamp = Date.now();
  const className = `${migrationName}${timestamp}`;
  const file = path.join(root, 'migrations', `${timestamp}-${migrationName}.ts`);
  writeFileSync(
    file,
    [
      "import type { MigrationInterface, QueryRunner } from 'typeorm';",
      '',
      `export class ${className} implements MigrationInterface {`,
      `  name = '${className}';`,
      '',
      '  async up(queryRunner: QueryRunner): Promise<void> {',
      ...sql.upQueries.map(statement),
      '  }',
      '',
      '  async down(queryRunner: QueryRunner): Promise<void> {',
      ...[...sql.downQueries].reverse().map(statement),
      '  }',
      '}',
      '',
    ].join('\n'),
  );
  writeMigrationIndex();
  return file;
}

/** migrations/index.ts lists every migration in timestamp order; the services import the list, not a glob. */
function writeMigrationIndex() {
  const files = readdirSync(path.join(root, 'migrations'))
    .filter((file) => /^\d+-[A-Za-z0-9]+\.ts$/.test(file))
    .sort();
  const classes = files.map((file) => {
    const [, timestamp, migrationName] = /^(\d+)-([A-Za-z0-9]+)\.ts$/.exec(file);
    return { file, className: `${migrationName}${timestamp}` };
  });
  writeFileSync(
    path.join(root, 'migrations/index.ts'),
    [
      '// The migrations in the order they run; `npm run migration:generate` rewrites this list.',
      ...classes.map(({ file, className }) => `import { ${className} } from './${file.replace(/\.ts$/, '.js')}';`),
      '',
      `export const MIGRATIONS = [${classes.map(({ className }) => className).join(', ')}];`,
      '',
    ].join('\n'),
  );
}

let exitCode = 0;
const server = await serverUrl();
try {
  if (command === 'run' || command === 'revert') {
    const dataSource = createCliDataSource(server);
    await dataSource.initialize();
    try {
      if (command === 'run') {
        const applied = await database.runMigrationsLocked(dataSource);
        console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'No pending migrations');
      } else {
        await dataSource.undoLastMigration({ transaction: 'each' });
        console.log('Reverted the last migration');
      }
    } finally {
      await dataSource.destroy();
    }
  } else {
    const scratch = `loopwright_schema_check_${process.pid}`;
    await database.recreateDatabase(server, scratch);
    const dataSource = createCliDataSource(database.withDatabase(server, scratch));
    try {
      await dataSource.initialize();
      await dataSource.runMigrations({ transaction: 'each' });
      const sql = await dataSource.driver.createSchemaBuilder().log();
      if (command === 'check') {
        if (sql.upQueries.length > 0) {
          console.error('The entities differ from the migrated schema. Missing from migrations/:');
          for (const query of sql.upQueries) console.error(`  ${query.query};`);
          console.error('Run `npm run migration:generate -- <Name>` and commit the migration.');
          exitCode = 1;
        } else {
          console.log('Schema matches the entities: no migration missing');
        }
      } else if (sql.upQueries.length === 0) {
        console.log('No changes: nothing to generate');
      } else {
        console.log(`Wrote ${path.relative(root, writeMigration(name, sql))}`);
      }
    } finally {
      if (dataSource.isInitialized) await dataSource.destroy();
      await database.dropDatabase(server, scratch);
    }
  }
} finally {
  await embedded?.stop();
}
process.exit(exitCode);

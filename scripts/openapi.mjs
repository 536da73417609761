// Regenerates the Swagger plugin metadata (apps/api/src/metadata.ts) and openapi.json from the code.
// Both fail when two DTO classes share a name (Swagger would merge their schemas); `--check` also fails when the committed openapi.json differs from what the code describes.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { PluginMetadataGenerator } from '@nestjs/cli/lib/compiler/plugins/plugin-metadata-generator.js';
import { ReadonlyVisitor } from '@nestjs/swagger/plugin';
import { duplicateSchemaNames } from './openapi-schema-names.mjs';

const root = process.cwd();
const check = process.argv.includes('--check');
const metadataFile = path.join(root, 'apps/api/src/metadata.ts');
const documentFile = path.join(root, 'openapi.json');

const metadataBefore = existsSync(metadataFile) ? readFileSync(metadataFile, 'utf8') : '';
// The generator type-checks the program first: a stale metadata file naming a renamed DTO class would fail it, so it
// starts from an empty one.
writeFileSync(metadataFile, "/* eslint-disable */\nexport default async () => ({ '@nestjs/swagger': { models: [], controllers: [] } });\n");
try {
  new PluginMetadataGenerator().generate({
    visitors: [new ReadonlyVisitor({ introspectComments: true, pathToSource: path.join(root, 'apps/api/src'), classValidatorShim: true })],
    outputDir: path.join(root, 'apps/api/src'),
    watch: false,
    tsconfigPath: 'tsconfig.build.json',
    printDiagnostics: false,
  });
} catch (error) {
  writeFileSync(metadataFile, metadataBefore);
  throw error;
}
const duplicates = Object.entries(duplicateSchemaNames(readFileSync(metadataFile, 'utf8')));
if (duplicates.length > 0) {
  for (const [name, files] of duplicates) console.error(`Two DTO classes are named ${name} (${files.join(', ')}): OpenAPI schemas are named after classes; rename one.`);
  if (check) writeFileSync(metadataFile, metadataBefore);
  process.exit(1);
}
execFileSync('npx', ['nest', 'build', 'api'], { stdio: 'inherit' });
const { writeOpenApiDocument } = await import(path.join(root, 'dist/apps/api/src/openapi.js'));
const document = JSON.stringify(await writeOpenApiDocument(), null, 2) + '\n';

if (check) {
  const metadataAfter = readFileSync(metadataFile, 'utf8');
  const committed = existsSync(documentFile) ? readFileSync(documentFile, 'utf8') : '';
  if (metadataAfter !== metadataBefore || committed !== document) {
    if (metadataAfter !== metadataBefore) writeFileSync(metadataFile, metadataBefore);
    console.error('openapi.json (or apps/api/src/metadata.ts) is out of date: run `npm run openapi` and commit the result.');
    process.exit(1);
  }
  console.log('openapi.json is up to date');
} else {
  writeFileSync(documentFile, document);
  console.log(`Wrote ${path.relative(root, documentFile)}`);
}

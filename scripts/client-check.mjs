// Generates a TypeScript client from the committed openapi.json (openapi-typescript, into the git-ignored
// test/client/generated/) and compiles test/client/journey.ts against it with `tsc --strict`: a document a typed
// client cannot use as the README does fails here.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import openapiTS, { astToString } from 'openapi-typescript';

const root = process.cwd();
const outputDir = path.join(root, 'test/client/generated');
const document = JSON.parse(readFileSync(path.join(root, 'openapi.json'), 'utf8'));
const ast = await openapiTS(document);
mkdirSync(outputDir, { recursive: true });
writeFileSync(path.join(outputDir, 'api.d.ts'), astToString(ast));
try {
  execFileSync('npx', ['tsc', '-p', 'test/client/tsconfig.json', '--strict'], { stdio: 'inherit' });
} catch {
  console.error('test/client/journey.ts does not compile against the client generated from openapi.json.');
  process.exit(1);
}
console.log('The typed client compiles against openapi.json');

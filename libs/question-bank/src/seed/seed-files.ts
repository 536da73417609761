import { readFileSync } from 'node:fs';
import path from 'node:path';
import { projectRoot } from '@loopwright/core';

/** The curated content every new organization starts with, shipped as JSON beside this file in the repository. */
export const SEED_DIR = path.resolve(projectRoot(), 'libs/question-bank/src/seed');

export function readSeedFile<T>(file: string): T {
  return JSON.parse(readFileSync(path.join(SEED_DIR, file), 'utf8')) as T;
}

export interface SeedPillar {
  key: string;
  name: string;
  description: string;
}

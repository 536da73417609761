import { AppLogger } from '@loopwright/core';
import type { LoggerService } from '@nestjs/common';
import type { TestingModule } from '@nestjs/testing';

/** Inits a compiled worker-side module with the app's logger (or `logger`); closes it again when its start fails. */
export async function startModule(moduleRef: TestingModule, logger?: LoggerService): Promise<TestingModule> {
  moduleRef.useLogger(logger ?? moduleRef.get(AppLogger));
  try {
    await moduleRef.init();
  } catch (error) {
    await moduleRef.close();
    throw error;
  }
  return moduleRef;
}

import { Global, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { AppConfig, toAppConfig } from './app-config.js';
import { parseEnvironment } from './environment.js';

/**
 * Validates the environment at start (a bad value stops the start with every problem listed)
 * and exposes it as the typed `AppConfig`.
 */
@Global()
@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, cache: true, validate: parseEnvironment })],
  providers: [{ provide: AppConfig, useFactory: (): AppConfig => toAppConfig(parseEnvironment(process.env)) }],
  exports: [AppConfig],
})
export class AppConfigModule {}

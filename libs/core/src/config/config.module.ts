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
  imports: [
    ConfigModule.forRoot({
      ignoreEnvFile: true,
      cache: true,
      // @nestjs/config writes what `validate` returns back into process.env: return the input, not the
      // defaults, so that settings decided at start (the embedded database, demo mode) still apply.
      validate: (raw) => {
        parseEnvironment(raw);
        return raw;
      },
    }),
  ],
  providers: [{ provide: AppConfig, useFactory: (): AppConfig => toAppConfig(parseEnvironment(process.env)) }],
  exports: [AppConfig],
})
export class AppConfigModule {}

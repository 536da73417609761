import { Global, Module } from '@nestjs/common';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { AppConfigModule } from './config/config.module.js';
import { Clock, SystemClock } from './context/clock.js';
import { ErrorResponseFilter } from './http/error-response.filter.js';
import { createValidationPipe } from './http/validation.js';
import { LoggingModule } from './logging.module.js';

/** The pipeline every process shares: configuration, logs, validation, the error shape, the clock. */
@Global()
@Module({
  imports: [AppConfigModule, LoggingModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_FILTER, useClass: ErrorResponseFilter },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AppConfigModule, LoggingModule, Clock],
})
export class CoreModule {}

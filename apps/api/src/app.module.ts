import { Module } from '@nestjs/common';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule } from '@loopwright/database';
import { HealthModule } from './health/health.module.js';

@Module({
  imports: [CoreModule, DatabaseModule, HealthModule],
})
export class AppModule {}

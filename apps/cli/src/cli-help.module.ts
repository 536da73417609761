import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { OrganizationsService, UsersService } from '@loopwright/identity';
import { OnboardingService } from '@loopwright/onboarding';
import { QuestionTransferService } from '@loopwright/question-bank';
import { CreateAdminCommand } from './create-admin.command.js';
import { ImportQuestionsCommand } from './import-questions.command.js';

/**
 * The commands without their services, for `--help` and mistyped commands: commander prints the help or the
 * error without the CLI connecting to (or starting) a database. Nothing here runs a command.
 */
@Module({
  providers: [
    CreateAdminCommand,
    ImportQuestionsCommand,
    { provide: getDataSourceToken(), useValue: {} },
    { provide: OrganizationsService, useValue: {} },
    { provide: OnboardingService, useValue: {} },
    { provide: UsersService, useValue: {} },
    { provide: QuestionTransferService, useValue: {} },
  ],
})
export class CliHelpModule {}

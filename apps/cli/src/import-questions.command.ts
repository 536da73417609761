import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@loopwright/core';
import { OrganizationsService, systemActor } from '@loopwright/identity';
import { QuestionTransferService } from '@loopwright/question-bank';
import { Command, CommandRunner, Option } from 'nest-commander';
import { readFileSync } from 'node:fs';
import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** `npm run cli -- import-questions questions.json --org "Acme"`: all rows or none, as the HTTP import. */
@Command({ name: 'import-questions', arguments: '<file>', description: 'Import a JSON array of questions into an organization’s bank' })
export class ImportQuestionsCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly transfer: QuestionTransferService,
  ) {
    super();
  }

  async run([file]: string[], options: { org: string }): Promise<void> {
    const organization = UUID.test(options.org)
      ? await this.organizations.findById(this.dataSource.manager, options.org)
      : await this.organizations.findByName(this.dataSource.manager, options.org);
    if (!organization) throw new Error(`No organization "${options.org}" (give its name or id)`);
    let rows: unknown;
    try {
      rows = JSON.parse(readFileSync(file!, 'utf8'));
    } catch (error) {
      throw new Error(`Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    try {
      const result = await this.transfer.importQuestions(systemActor(organization.id), rows);
      process.stdout.write(`Imported ${result.imported} question(s) into "${organization.name}"\n`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
        const fields = (error.details?.fields ?? []) as { field: string; problems: string[] }[];
        throw new Error(`Nothing was imported:\n${fields.map((field) => `  ${field.field}: ${field.problems.join('; ')}`).join('\n')}`, {
          cause: error,
        });
      }
      throw error;
    }
  }

  @Option({ flags: '--org <nameOrId>', description: 'The organization (name or id)', required: true })
  parseOrg(value: string): string {
    return value;
  }
}

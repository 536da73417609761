import { InjectDataSource } from '@nestjs/typeorm';
import { AppError } from '@loopwright/core';
import { OrganizationsService, systemActor } from '@loopwright/identity';
import { QuestionTransferService } from '@loopwright/question-bank';
import { Command, CommandRunner, Option } from 'nest-commander';
import { readFileSync } from 'node:fs';
import { extname } from 'node:path';
import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const FORMATS = ['json', 'csv'] as const;
type Format = (typeof FORMATS)[number];

export interface ImportQuestionsOptions {
  org: string;
  format?: Format;
}

/**
 * `npm run cli -- import-questions questions.json --org "Acme"`: all rows or none, as the HTTP import. A `.csv` file
 * (or `--format csv`) is read as the CSV of `GET /api/questions/export?format=csv`, anything else as a JSON array.
 */
@Command({
  name: 'import-questions',
  arguments: '<file>',
  description: 'Import questions (a JSON array, or the export’s CSV for a .csv file) into an organization’s bank',
})
export class ImportQuestionsCommand extends CommandRunner {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly organizations: OrganizationsService,
    private readonly transfer: QuestionTransferService,
  ) {
    super();
  }

  async run([file]: string[], options: ImportQuestionsOptions): Promise<void> {
    const organization = UUID.test(options.org)
      ? await this.organizations.findById(this.dataSource.manager, options.org)
      : await this.organizations.findByName(this.dataSource.manager, options.org);
    if (!organization) throw new Error(`No organization "${options.org}" (give its name or id)`);
    const format: Format = options.format ?? (extname(file!).toLowerCase() === '.csv' ? 'csv' : 'json');
    let text: string;
    try {
      text = readFileSync(file!, 'utf8');
    } catch (error) {
      throw new Error(`Cannot read ${file}: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
    }
    const actor = systemActor(organization.id);
    try {
      const result =
        format === 'csv' ? await this.transfer.importCsv(actor, text) : await this.transfer.importQuestions(actor, parseJson(file!, text));
      process.stdout.write(`Imported ${result.imported} question(s) into "${organization.name}"\n`);
    } catch (error) {
      if (error instanceof AppError && error.code === 'VALIDATION_FAILED') {
        const fields = (error.details?.fields ?? []) as { field: string; problems: string[] }[];
        const rows = format === 'csv' ? ' (rows counted from 1 below the header)' : '';
        throw new Error(
          `Nothing was imported${rows}:\n${fields.map((field) => `  ${field.field}: ${field.problems.join('; ')}`).join('\n')}`,
          {
            cause: error,
          },
        );
      }
      throw error;
    }
  }

  @Option({ flags: '--org <nameOrId>', description: 'The organization (name or id)', required: true })
  parseOrg(value: string): string {
    return value;
  }

  @Option({ flags: '--format <json|csv>', description: 'How to read the file (default: csv for a .csv file, else json)' })
  parseFormat(value: string): Format {
    const format = value.toLowerCase();
    if (!(FORMATS as readonly string[]).includes(format)) throw new Error(`--format must be json or csv, not "${value}"`);
    return format as Format;
  }
}

function parseJson(file: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(
      `Cannot read ${file} as JSON: ${error instanceof Error ? error.message : String(error)} (a CSV file needs the .csv extension or --format csv)`,
      {
        cause: error,
      },
    );
  }
}

import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { MAX_IMPORT_ROWS } from '@loopwright/question-bank';
import { shellFor, type PageView } from '../shell/shell.js';
import type { ImportProblemRow } from './question-import.js';

export interface QuestionImportState {
  imported?: number;
  pasted?: string;
  /** The import was refused: why, in a sentence, and each problem as a table row. */
  refused?: { summary: string; rows: ImportProblemRow[] };
}

export interface QuestionImportView extends PageView {
  notice: string | null;
  pasted: string;
  maxRows: number;
  refused: QuestionImportState['refused'] | null;
}

/** `GET /app/questions/import`: the upload form, and after a refused import the per-row problems (nothing was imported). */
@Injectable()
export class QuestionImportPage {
  constructor(private readonly users: UsersService) {}

  async view(actor: Actor, path: string, state: QuestionImportState = {}): Promise<QuestionImportView> {
    const me = await this.users.me(actor);
    const imported = state.imported;
    return {
      title: 'Import questions',
      shell: shellFor(actor, path, me.name),
      notice: imported === undefined ? null : `${imported} question${imported === 1 ? ' was' : 's were'} imported.`,
      pasted: state.pasted ?? '',
      maxRows: MAX_IMPORT_ROWS,
      refused: state.refused ?? null,
    };
  }
}

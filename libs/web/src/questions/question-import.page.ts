import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { MAX_IMPORT_ROWS } from '@loopwright/question-bank';
import { shellFor, type PageView } from '../shell/shell.js';
import type { ImportProblemRow } from './question-import.js';

export interface QuestionImportState {
  imported?: number;
  pasted?: string;
  /** The import was refused: each problem as a row of the table. */
  refused?: ImportProblemRow[];
}

export interface QuestionImportView extends PageView {
  notice: string | null;
  pasted: string;
  maxRows: number;
  refused: { summary: string; rows: ImportProblemRow[] } | null;
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
      refused: state.refused ? { summary: refusalSummary(state.refused.length), rows: state.refused } : null,
    };
  }
}

const refusalSummary = (count: number): string =>
  `The file has ${count === 1 ? 'one problem' : `${count} problems`}. Fix ${count === 1 ? 'it' : 'them'} and import the file again: ` +
  'the questions are imported all together or not at all.';

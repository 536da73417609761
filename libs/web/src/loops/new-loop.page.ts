import { Injectable } from '@nestjs/common';
import type { AppError, FieldProblem } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import {
  CandidatesService,
  ListCandidatesQueryDto,
  ListLoopTemplatesQueryDto,
  ListPositionsQueryDto,
  LoopTemplatesService,
  PositionsService,
} from '@loopwright/loops';
import { shellFor, type PageView } from '../shell/shell.js';
import type { FilterOption } from './loop-list.page.js';

export const NEW_LOOP_FIELDS = ['candidateId', 'positionId', 'templateId'] as const;
export type NewLoopField = (typeof NEW_LOOP_FIELDS)[number];
export type NewLoopValues = Partial<Record<NewLoopField, string>>;

export interface NewLoopFieldView {
  options: FilterOption[];
  error: string | null;
}

export interface NewLoopView extends PageView {
  candidate: NewLoopFieldView;
  position: NewLoopFieldView;
  template: NewLoopFieldView;
  hasErrors: boolean;
  /** A refusal not about one field. */
  problem: string | null;
  /** What to do first when there is nothing to choose from. */
  noCandidates: boolean;
  noPositions: boolean;
}

export interface NewLoopState {
  values?: NewLoopValues;
  fieldErrors?: Partial<Record<NewLoopField, string>>;
  problem?: string;
}

const CHOICES = 200;

const FIELD_WORDS: Record<NewLoopField, string> = {
  candidateId: 'Choose a candidate of your organization',
  positionId: 'Choose an open position of your organization',
  templateId: 'Choose one of your organization’s templates, or none',
};

/**
 * LoopsService.create's refusal next to the field it is about: a field the API names (400), the position for a hiring
 * manager of another position (403) or a closed one (409); anything else for the whole form.
 */
export function newLoopProblems(error: AppError): NewLoopState {
  const fieldErrors: Partial<Record<NewLoopField, string>> = {};
  if (error.code === 'VALIDATION_FAILED') {
    const fields = (Array.isArray(error.details?.fields) ? error.details.fields : []) as FieldProblem[];
    const unplaced: string[] = [];
    for (const { field, problems } of fields) {
      const known = NEW_LOOP_FIELDS.find((name) => name === field);
      if (known) fieldErrors[known] = FIELD_WORDS[known];
      else unplaced.push(problems.join('; '));
    }
    return { fieldErrors, ...(unplaced.length > 0 ? { problem: unplaced.join('; ') } : {}) };
  }
  if (error.code === 'FORBIDDEN' || error.code === 'POSITION_CLOSED') return { fieldErrors: { positionId: error.message } };
  return { fieldErrors, problem: error.message };
}

/** `GET /app/loops/new`: the candidates, open positions and templates to start a loop from (the services' lists). */
@Injectable()
export class NewLoopPage {
  constructor(
    private readonly users: UsersService,
    private readonly candidates: CandidatesService,
    private readonly positions: PositionsService,
    private readonly templates: LoopTemplatesService,
  ) {}

  async view(actor: Actor, path: string, state: NewLoopState = {}): Promise<NewLoopView> {
    const [me, candidates, positions, templates] = await Promise.all([
      this.users.me(actor),
      this.candidates.list(actor, Object.assign(new ListCandidatesQueryDto(), { limit: CHOICES })),
      this.positions.list(actor, Object.assign(new ListPositionsQueryDto(), { limit: CHOICES, status: 'open' })),
      this.templates.list(actor, Object.assign(new ListLoopTemplatesQueryDto(), { limit: CHOICES })),
    ]);
    const values = state.values ?? {};
    const errors = state.fieldErrors ?? {};
    const field = (name: NewLoopField, options: { value: string; label: string }[]): NewLoopFieldView => ({
      options: options.map((option) => ({ ...option, selected: option.value === values[name] })),
      error: errors[name] ?? null,
    });
    return {
      title: 'New loop',
      shell: shellFor(actor, path, me.name),
      candidate: field(
        'candidateId',
        [...candidates.items].sort((a, b) => a.name.localeCompare(b.name)).map((candidate) => ({ value: candidate.id, label: `${candidate.name} (${candidate.email})` })),
      ),
      position: field(
        'positionId',
        positions.items.map((position) => ({ value: position.id, label: `${position.title} · ${position.level}` })),
      ),
      template: field(
        'templateId',
        templates.items.map((template) => ({ value: template.id, label: `${template.name} (${template.rounds.length} rounds)` })),
      ),
      hasErrors: Object.keys(errors).length > 0 || Boolean(state.problem),
      problem: state.problem ?? null,
      noCandidates: candidates.items.length === 0,
      noPositions: positions.items.length === 0,
    };
  }
}

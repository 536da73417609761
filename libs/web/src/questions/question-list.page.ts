import { Injectable } from '@nestjs/common';
import { AppError, type FieldProblem } from '@loopwright/core';
import { UsersService, type Actor } from '@loopwright/identity';
import {
  ListQuestionsQueryDto,
  PillarsService,
  QuestionsService,
  STATUS_FILTERS,
  type QuestionSummaryDto,
} from '@loopwright/question-bank';
import { AnalyticsService } from '@loopwright/scorecards';
import { signalMarks, type SignalMarkView } from '../analytics/question-signal.view.js';
import { validatedInput } from '../http/form-input.js';
import { shellFor, type PageView } from '../shell/shell.js';
import { DIFFICULTIES, difficultyLabel, mayReadAnalytics, mayWriteQuestions, questionHref, STATUS_LABELS, type OptionView } from './question-words.js';

/** Questions per page of the list. */
export const QUESTIONS_PER_PAGE = 20;

/** The list's filters as the form (and the URL) carries them: text, as typed. */
export interface QuestionFilters {
  q: string;
  pillar: string;
  difficulty: string;
  status: string;
  tag: string;
}

const FILTER_NAMES = ['q', 'pillar', 'difficulty', 'status', 'tag'] as const satisfies readonly (keyof QuestionFilters)[];

export interface QuestionResultView {
  href: string;
  title: string;
  pillarName: string;
  difficulty: string;
  status: string;
  retired: boolean;
  timesAsked: number;
  tags: string[];
  /** The analytics' flags (possible leak, low signal), for those who may read analytics. */
  marks: SignalMarkView[];
}

export interface QuestionListView extends PageView {
  filters: QuestionFilters;
  pillarOptions: OptionView[];
  difficultyOptions: OptionView[];
  statusOptions: OptionView[];
  results: QuestionResultView[];
  /** Said in the polite status region, so that a screen reader hears what the search found. */
  resultSummary: string;
  /** Links to the first and the next page of results; null when everything fits on this one. */
  pager: { first: string | null; next: string | null } | null;
  /** Why the filters were refused, in words (the page answers 400 then). */
  problem: string | null;
  mayWrite: boolean;
  exportQuery: string;
}

const STATUS_OPTION_LABELS: Record<(typeof STATUS_FILTERS)[number], string> = { ...STATUS_LABELS, all: 'All' };

/** The filters of a request's query: only the list's own names, single text values (anything else reads as empty). */
export function filtersOf(query: unknown): QuestionFilters & { cursor: string } {
  const raw = (typeof query === 'object' && query !== null ? query : {}) as Record<string, unknown>;
  const text = (name: string): string => (typeof raw[name] === 'string' ? (raw[name] as string) : '');
  return {
    q: text('q'),
    pillar: text('pillar'),
    difficulty: text('difficulty'),
    status: text('status'),
    tag: text('tag'),
    cursor: text('cursor'),
  };
}

/** `?q=…&pillar=…`: the filters that are set, for links that keep them. */
export function filterQuery(filters: Partial<QuestionFilters> & { cursor?: string }): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(filters)) if (value) params.set(name, value);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

/**
 * `GET /app/questions`: the bank searched and filtered exactly as `GET /api/questions` does it (the same DTO, the
 * same service call, so full-text search, the pillar key and the default of active questions are the API's).
 */
@Injectable()
export class QuestionListPage {
  constructor(
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
    private readonly questions: QuestionsService,
    private readonly analytics: AnalyticsService,
  ) {}

  /** The page, and its HTTP status: 400 when the filters were refused (the form shows why). */
  async view(actor: Actor, path: string, query: unknown): Promise<{ status: number; view: QuestionListView }> {
    const { cursor, ...filters } = filtersOf(query);
    const [me, pillars] = await Promise.all([this.users.me(actor), this.pillars.list(actor)]);
    let page: { items: QuestionSummaryDto[]; nextCursor: string | null } = { items: [], nextCursor: null };
    let problem: string | null = null;
    try {
      const plain: Record<string, unknown> = { limit: QUESTIONS_PER_PAGE };
      for (const name of [...FILTER_NAMES, 'cursor'] as const) {
        const value = name === 'cursor' ? cursor : filters[name];
        if (value.trim() !== '') plain[name] = value;
      }
      page = await this.questions.list(actor, await validatedInput(ListQuestionsQueryDto, plain));
    } catch (error) {
      if (!(error instanceof AppError) || error.code !== 'VALIDATION_FAILED') throw error;
      problem = `The search could not be run: ${problemsText(error)}`;
    }
    const pillarNames = new Map(pillars.map((pillar) => [pillar.id, pillar.name]));
    // One read of the snapshot for the whole page, not one per row.
    const signals = mayReadAnalytics(actor) && page.items.length > 0 ? await this.analytics.questionSignals(actor, page.items.map((item) => item.id)) : null;
    const status = filters.status || 'active';
    const results = page.items.map((item) => ({
      href: questionHref(item.id),
      title: item.title,
      pillarName: pillarNames.get(item.pillarId) ?? item.pillarKey,
      difficulty: difficultyLabel(item.difficulty),
      status: STATUS_LABELS[item.status],
      retired: item.status === 'retired',
      timesAsked: item.stats.timesAsked,
      tags: item.tags,
      marks: signals ? signalMarks(signals.byQuestion.get(item.id), signals.lowSignalThreshold, me.timezone) : [],
    }));
    const view: QuestionListView = {
      title: 'Question bank',
      shell: shellFor(actor, path, me.name),
      filters,
      pillarOptions: [
        { value: '', label: 'All pillars', selected: filters.pillar === '' },
        ...pillars.map((pillar) => ({
          value: pillar.key,
          label: pillar.name,
          selected: filters.pillar === pillar.key || filters.pillar === pillar.id,
        })),
      ],
      difficultyOptions: [
        { value: '', label: 'Any difficulty', selected: filters.difficulty === '' },
        ...DIFFICULTIES.map((value) => ({
          value: String(value),
          label: difficultyLabel(value),
          selected: filters.difficulty === String(value),
        })),
      ],
      statusOptions: STATUS_FILTERS.map((value) => ({ value, label: STATUS_OPTION_LABELS[value], selected: status === value })),
      results,
      resultSummary: problem ?? summaryOf(results.length, page.nextCursor !== null, cursor !== ''),
      pager: pagerOf(filters, cursor, page.nextCursor),
      problem,
      mayWrite: mayWriteQuestions(actor),
      exportQuery: filterQuery({ status: filters.status, pillar: filters.pillar }),
    };
    return { status: problem ? 400 : 200, view };
  }
}

function pagerOf(filters: QuestionFilters, cursor: string, nextCursor: string | null): QuestionListView['pager'] {
  if (cursor === '' && nextCursor === null) return null;
  return {
    first: cursor !== '' ? `/app/questions${filterQuery(filters)}` : null,
    next: nextCursor !== null ? `/app/questions${filterQuery({ ...filters, cursor: nextCursor })}` : null,
  };
}

function summaryOf(count: number, more: boolean, later: boolean): string {
  if (count === 0) return later ? 'No more questions.' : 'No question matches.';
  const shown = `${count} question${count === 1 ? '' : 's'}`;
  return more ? `${shown} on this page; there are more on the next.` : later ? `${shown} on this last page.` : `${shown} found.`;
}

/** A VALIDATION_FAILED answer's problems, in one sentence. */
export function problemsText(error: AppError): string {
  const fields = (Array.isArray(error.details?.fields) ? error.details.fields : []) as FieldProblem[];
  return fields.length > 0 ? fields.map((field) => `${field.field}: ${field.problems.join('; ')}`).join('. ') : error.message;
}

import { Injectable } from '@nestjs/common';
import { UsersService, type Actor } from '@loopwright/identity';
import { PillarsService, QUESTION_ROLES, type QuestionRole } from '@loopwright/question-bank';
import { shellFor, type PageView } from '../shell/shell.js';
import { roleField, type QuestionFormValues } from './question-form.js';
import { DIFFICULTIES, difficultyLabel, questionHref, ROLE_LABELS, RUBRIC_ANCHORS, type OptionView } from './question-words.js';

/** A control's problem, linked to it with `aria-describedby`. */
export interface FieldErrorView {
  id: string;
  text: string;
}

export interface QuestionFormView extends PageView {
  heading: string;
  action: string;
  submitLabel: string;
  cancelHref: string;
  /** The edit form says which changes make a new version. */
  editing: boolean;
  values: QuestionFormValues;
  pillarOptions: OptionView[];
  difficultyOptions: OptionView[];
  rubric: { name: string; id: string; label: string; value: string; error: FieldErrorView | null }[];
  roleChoices: { name: string; id: string; label: string; checked: boolean }[];
  errors: Record<string, FieldErrorView | null>;
  problem: string | null;
  /** The question changed since this form was opened (STALE_VERSION): the form says so and keeps what was typed. */
  stale: boolean;
}

export interface QuestionFormState {
  fieldErrors?: ReadonlyMap<string, string>;
  problem?: string | null;
  stale?: boolean;
}

const PLAIN_FIELDS = ['pillarId', 'title', 'prompt', 'followUps', 'tags', 'difficulty', 'roles'] as const;

/** The create form (`/app/questions/new`) and the edit form (`/app/questions/:id/edit`), on `POST /api/questions`'s fields. */
@Injectable()
export class QuestionFormPage {
  constructor(
    private readonly users: UsersService,
    private readonly pillars: PillarsService,
  ) {}

  async view(
    actor: Actor,
    path: string,
    target: { questionId: string | null; title: string | null },
    values: QuestionFormValues,
    state: QuestionFormState = {},
  ): Promise<QuestionFormView> {
    const [me, pillars] = await Promise.all([this.users.me(actor), this.pillars.list(actor)]);
    const errorOf = (name: string): FieldErrorView | null => {
      const text = state.fieldErrors?.get(name);
      return text ? { id: `${name}-error`, text } : null;
    };
    const editing = target.questionId !== null;
    return {
      title: editing ? `Edit ${target.title}` : 'New question',
      shell: shellFor(actor, path, me.name),
      heading: editing ? `Edit “${target.title}”` : 'New question',
      action: editing ? `${questionHref(target.questionId!)}/edit` : '/app/questions/new',
      submitLabel: editing ? 'Save changes' : 'Create question',
      cancelHref: editing ? questionHref(target.questionId!) : '/app/questions',
      editing,
      values,
      pillarOptions: [
        ...(values.pillarId === '' ? [{ value: '', label: 'Choose a pillar', selected: true }] : []),
        ...pillars.map((pillar) => ({ value: pillar.id, label: pillar.name, selected: pillar.id === values.pillarId })),
      ],
      difficultyOptions: DIFFICULTIES.map((value) => ({
        value: String(value),
        label: difficultyLabel(value),
        selected: values.difficulty === String(value),
      })),
      rubric: RUBRIC_ANCHORS.map(({ level, label }) => {
        const name = `rubric_${level}` as const;
        return { name, id: `question-${name}`, label, value: values[name], error: errorOf(name) };
      }),
      roleChoices: QUESTION_ROLES.map((role: QuestionRole) => ({
        name: roleField(role),
        id: `question-${roleField(role)}`,
        label: ROLE_LABELS[role],
        checked: values.roles.includes(role),
      })),
      errors: Object.fromEntries(PLAIN_FIELDS.map((name) => [name, errorOf(name)])),
      problem: state.problem ?? null,
      stale: state.stale ?? false,
    };
  }
}

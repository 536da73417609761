import { hasRole, type Actor, type Role } from '@loopwright/identity';
import { QUESTION_ROLES, RUBRIC_LEVELS, type QuestionRole, type QuestionStatus } from '@loopwright/question-bank';
import { RATING_LABELS } from '../rounds/round.view.js';

/** Who may create, edit, retire, import and export questions: the roles the API's question routes allow. */
export const QUESTION_WRITERS: readonly Role[] = ['admin', 'hiring_manager'];
/** Who may read `GET /api/analytics/questions`. */
export const ANALYTICS_READERS: readonly Role[] = ['admin', 'hiring_manager'];

export const mayWriteQuestions = (actor: Actor): boolean => hasRole(actor, ...QUESTION_WRITERS);
export const mayReadAnalytics = (actor: Actor): boolean => hasRole(actor, ...ANALYTICS_READERS);

export const DIFFICULTIES = [1, 2, 3, 4, 5] as const;

export const difficultyLabel = (difficulty: number): string =>
  difficulty === 1 ? '1 (easiest)' : difficulty === 5 ? '5 (hardest)' : String(difficulty);

export const STATUS_LABELS: Readonly<Record<QuestionStatus, string>> = { active: 'Active', retired: 'Retired' };

export const ROLE_LABELS: Readonly<Record<QuestionRole, string>> = { ai_engineer: 'AI engineer', ml_engineer: 'ML engineer' };

export const ROLE_CHOICES = QUESTION_ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] }));

/** The rubric's anchors from strong no to strong yes, with the scale's words. */
export const RUBRIC_ANCHORS = RUBRIC_LEVELS.map((level) => ({ level, label: RATING_LABELS[level]! }));

export const questionHref = (id: string): string => `/app/questions/${id}`;

/** An option of a `<select>`. */
export interface OptionView {
  value: string;
  label: string;
  selected: boolean;
}

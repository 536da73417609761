import { LOOP_STATUSES, type LoopStatus } from '@loopwright/loops';
import {
  DECISIONS,
  PILLAR_RATINGS,
  RATING_LABELS,
  RATINGS,
  ratingValue,
  tallyOf,
  type Decision,
  type PillarRating,
  type Rating,
  type Tally,
} from '@loopwright/scorecards';
import { PACKET_TEMPLATE_HELPERS_DOC } from './templates/packet-helpers.js';

/**
 * The packet view model: what every packet template receives. Plain serializable data (strings, numbers,
 * booleans, arrays, plain objects; times as ISO-8601 strings in UTC). The field names are part of the API
 * contract ("The packet view model" in API.md): fields may be added, never renamed.
 */

// The scales (ratings, decisions) and their labels are the scorecards feature's, the loop statuses the loops feature's:
// a packet shows them, it does not define them.
export type { PillarRating, Rating } from '@loopwright/scorecards';
export { ratingValue } from '@loopwright/scorecards';
export type PacketLoopStatus = LoopStatus;
export type PacketDecision = Decision;

/** The loop statuses as a packet reads them out. */
export const LOOP_STATUS_LABELS: Readonly<Record<LoopStatus, string>> = {
  draft: 'Draft',
  scheduled: 'Scheduled',
  in_review: 'In review',
  decided: 'Decided',
  cancelled: 'Cancelled',
};

export interface PacketPillar {
  key: string;
  name: string;
}

export interface PacketMatrixCell {
  roundTitle: string;
  /** Null when the round does not cover the pillar or has no submitted scorecard. */
  rating: PillarRating | null;
  /** "Strong yes", ..., "Not assessed"; empty when `rating` is null. */
  ratingLabel: string;
}

export interface PacketMatrixRow {
  pillar: PacketPillar;
  /** One cell per round, in round order. */
  cells: PacketMatrixCell[];
  /** Mean of the assessed ratings (1..4), null when none. */
  mean: number | null;
}

export interface PacketRating {
  pillar: PacketPillar;
  rating: PillarRating;
  ratingLabel: string;
  /** The evidence written by the interviewer (may be empty). */
  notes: string;
}

export interface PacketQuestion {
  title: string;
  prompt: string;
  /** The pinned version of the question that was asked. */
  version: number;
  notes: string;
  /** Added: the interviewer's own rating of the answer, null when they gave none. */
  rating: Rating | null;
  /** Added: "Strong no" … "Strong yes", or empty. */
  ratingLabel: string;
}

/** Added: one value an amendment changed, as people read it ("Practical coding: Yes → No"). */
export interface PacketAmendmentChange {
  /** What changed: "rating" or "evidence" (of a pillar), "recommendation" or "summary". */
  field: PacketAmendmentField;
  /** "Practical coding", "Practical coding evidence", "Recommendation" or "Summary". */
  label: string;
  /** The value before the amendment (a rating's label, or the text); empty when there was none. */
  before: string;
  /** The value after the amendment; empty when it was cleared. */
  after: string;
}

export const AMENDMENT_FIELDS = ['rating', 'evidence', 'recommendation', 'summary'] as const;
export type PacketAmendmentField = (typeof AMENDMENT_FIELDS)[number];

export interface PacketAmendment {
  reason: string;
  at: string;
  /** Added field: what the amendment changed, in order (pillar ratings and evidence, recommendation, summary). */
  changes: PacketAmendmentChange[];
}

/** Added: a round without a submitted scorecard, for the one-line "Not yet submitted" list. */
export interface PacketPendingRound {
  number: number;
  title: string;
  interviewer: { name: string };
}

export interface PacketRound {
  /** Added field: the round's position in the loop, 1-based. */
  number: number;
  title: string;
  startsAt: string;
  endsAt: string;
  /** `{name: "Interviewer 2"}` when interviewers are redacted. */
  interviewer: { name: string };
  pillars: PacketPillar[];
  ratings: PacketRating[];
  questions: PacketQuestion[];
  recommendation: Rating | null;
  recommendationLabel: string;
  summary: string | null;
  submittedAt: string | null;
  /** Added field: true when the round has a submitted scorecard (ratings, recommendation and summary are its). */
  submitted: boolean;
  amended: boolean;
  amendments: PacketAmendment[];
}

export type PacketTally = Tally;

export interface PacketViewModel {
  generatedAt: string;
  organization: { name: string };
  candidate: { name: string; email: string };
  position: {
    title: string;
    level: string;
    /** Added field: the level for people, e.g. "Senior" for `senior`. */
    levelLabel: string;
    roleFamily: string;
    /** Added field: the role family for people, e.g. "AI engineer" for `ai_engineer`. */
    roleFamilyLabel: string;
  };
  hiringManager: { name: string };
  loop: {
    status: PacketLoopStatus;
    /** Added field: "In review", "Decided", ... */
    statusLabel: string;
    decision: PacketDecision | null;
    /** Added field: "Hire", "No hire", or empty. */
    decisionLabel: string;
    decisionNote: string | null;
    decidedAt: string | null;
  };
  pillars: PacketPillar[];
  matrix: PacketMatrixRow[];
  tally: PacketTally;
  rounds: PacketRound[];
  /** Added field: how many rounds have a submitted scorecard (0: the packet has no ratings to show). */
  submittedRoundCount: number;
  /** Added field: the rounds without a submitted scorecard, in order. */
  pendingRounds: PacketPendingRound[];
}

// ---------------------------------------------------------------------------------------------------------
// Derived parts of the view model, computed by the builder that reads a loop.

export const ratingLabel = (rating: PillarRating | null | undefined): string => (rating ? RATING_LABELS[rating] : '');

export const ROLE_FAMILY_LABELS: Readonly<Record<string, string>> = { ai_engineer: 'AI engineer', ml_engineer: 'ML engineer', other: 'Other' };

/** A stored key for people: `senior` → "Senior", `staff_plus` → "Staff plus"; text that is already a label stays. */
export function humanize(value: string): string {
  const words = value.trim().replace(/[_-]+/g, ' ').replace(/\s+/g, ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export const roleFamilyLabel = (roleFamily: string): string => ROLE_FAMILY_LABELS[roleFamily] ?? humanize(roleFamily);

/** The rounds without a submitted scorecard, and how many have one. */
export function roundProgress(rounds: Pick<PacketRound, 'number' | 'title' | 'interviewer' | 'submitted'>[]): {
  submittedRoundCount: number;
  pendingRounds: PacketPendingRound[];
} {
  return {
    submittedRoundCount: rounds.filter((round) => round.submitted).length,
    pendingRounds: rounds
      .filter((round) => !round.submitted)
      .map((round) => ({ number: round.number, title: round.title, interviewer: { name: round.interviewer.name } })),
  };
}

/** The pillar × round matrix: one row per pillar, one cell per round, the mean of the assessed ratings. */
export function buildPacketMatrix(pillars: PacketPillar[], rounds: Pick<PacketRound, 'title' | 'ratings'>[]): PacketMatrixRow[] {
  return pillars.map((pillar) => {
    const cells = rounds.map((round) => {
      const rating = round.ratings.find((entry) => entry.pillar.key === pillar.key)?.rating ?? null;
      return { roundTitle: round.title, rating, ratingLabel: ratingLabel(rating) };
    });
    const values = cells.map((cell) => ratingValue(cell.rating)).filter((value): value is number => value !== null);
    const mean = values.length === 0 ? null : Math.round((values.reduce((sum, value) => sum + value, 0) / values.length) * 100) / 100;
    return { pillar: { ...pillar }, cells, mean };
  });
}

/** How many rounds recommended each rating (`tallyOf`). */
export const tallyRecommendations = (rounds: Pick<PacketRound, 'recommendation'>[]): PacketTally => tallyOf(rounds.map((round) => round.recommendation));

// ---------------------------------------------------------------------------------------------------------
// The schema: one description of every field, read by the template validator (known paths) and written out
// as PACKET_VIEW_MODEL_DOC for template authors.

export type ViewModelScalarKind = 'string' | 'number' | 'boolean' | 'datetime';

export type ViewModelField =
  | { kind: ViewModelScalarKind; description: string; nullable?: boolean; values?: readonly string[]; multiline?: boolean }
  | { kind: 'object'; description: string; fields: Readonly<Record<string, ViewModelField>> }
  | { kind: 'array'; description: string; items: ViewModelField };

type ScalarOptions = { nullable?: boolean; values?: readonly string[]; multiline?: boolean };
const scalar = (kind: ViewModelScalarKind, description: string, options: ScalarOptions = {}): ViewModelField => ({
  kind,
  description,
  ...options,
});
const text = (description: string, options?: ScalarOptions): ViewModelField => scalar('string', description, options);
const time = (description: string, options?: ScalarOptions): ViewModelField => scalar('datetime', description, options);
const object = (description: string, fields: Record<string, ViewModelField>): ViewModelField => ({ kind: 'object', description, fields });
const list = (description: string, items: ViewModelField): ViewModelField => ({ kind: 'array', description, items });

const pillarField = (description: string): ViewModelField =>
  object(description, { key: text('Stable key, e.g. "system-design"'), name: text('Display name, e.g. "AI systems design"') });

export const PACKET_VIEW_MODEL_SCHEMA: ViewModelField = object('The packet of one candidate loop', {
  generatedAt: time('When the packet was rendered'),
  organization: object('The hiring organization', { name: text('Organization name') }),
  candidate: object('The candidate', { name: text('Full name'), email: text('Email address') }),
  position: object('The position the loop is for', {
    title: text('Position title, e.g. "AI Engineer"'),
    level: text('Level as stored, e.g. "senior"'),
    levelLabel: text('The level for people, e.g. "Senior"'),
    roleFamily: text('Role family as stored, e.g. "ai_engineer"'),
    roleFamilyLabel: text('The role family for people: "AI engineer", "ML engineer", "Other"'),
  }),
  hiringManager: object('The hiring manager of the position', { name: text('Full name') }),
  loop: object('The interview loop', {
    status: text('Loop status', { values: LOOP_STATUSES }),
    statusLabel: text('The status for people: "Draft", "Scheduled", "In review", "Decided", "Cancelled"'),
    decision: text('The hiring decision, null while undecided', { nullable: true, values: DECISIONS }),
    decisionLabel: text('"Hire", "No hire", or empty while undecided'),
    decisionNote: text('The note written with the decision', { nullable: true, multiline: true }),
    decidedAt: time('When the decision was recorded', { nullable: true }),
  }),
  pillars: list('The pillars covered by the loop, in order', pillarField('A pillar')),
  matrix: list(
    'The pillar × round matrix: one row per pillar',
    object('A pillar row', {
      pillar: pillarField('The pillar of this row'),
      cells: list(
        'One cell per round, in round order',
        object('A cell', {
          roundTitle: text('Title of the round of this column'),
          rating: text('The rating, null when the round did not rate this pillar', { nullable: true, values: PILLAR_RATINGS }),
          ratingLabel: text('"Strong no", "No", "Yes", "Strong yes", "Not assessed", or empty'),
        }),
      ),
      mean: scalar('number', 'Mean of the assessed ratings on the 1..4 scale, null when none', { nullable: true }),
    }),
  ),
  tally: object('How many rounds recommended each rating', {
    strong_no: scalar('number', 'Rounds recommending "Strong no"'),
    no: scalar('number', 'Rounds recommending "No"'),
    yes: scalar('number', 'Rounds recommending "Yes"'),
    strong_yes: scalar('number', 'Rounds recommending "Strong yes"'),
  }),
  rounds: list(
    'The rounds of the loop, in order',
    object('A round', {
      number: scalar('number', 'Position of the round in the loop, 1-based'),
      title: text('Round title'),
      startsAt: time('Start time'),
      endsAt: time('End time'),
      interviewer: object('The interviewer', { name: text('Full name, or "Interviewer 2" when interviewers are redacted') }),
      pillars: list('The pillars this round covers', pillarField('A pillar')),
      ratings: list(
        'The pillar ratings of the submitted scorecard',
        object('A pillar rating', {
          pillar: pillarField('The rated pillar'),
          rating: text('The rating', { values: PILLAR_RATINGS }),
          ratingLabel: text('"Strong no", "No", "Yes", "Strong yes" or "Not assessed"'),
          notes: text('The evidence written by the interviewer (may be empty)', { multiline: true }),
        }),
      ),
      questions: list(
        'The questions asked, at the version asked',
        object('A question', {
          title: text('Question title'),
          prompt: text('The prompt as asked', { multiline: true }),
          version: scalar('number', 'The question version asked'),
          notes: text('What the interviewer noted about the answer (may be empty)', { multiline: true }),
          rating: text('The interviewer\'s rating of the answer, null when they gave none', { nullable: true, values: RATINGS }),
          ratingLabel: text('"Strong no", "No", "Yes", "Strong yes", or empty'),
        }),
      ),
      recommendation: text('The overall recommendation, null without a submitted scorecard', { nullable: true, values: RATINGS }),
      recommendationLabel: text('"Strong no", "No", "Yes", "Strong yes", or empty'),
      summary: text('The interviewer\'s summary', { nullable: true, multiline: true }),
      submittedAt: time('When the scorecard was submitted', { nullable: true }),
      submitted: scalar('boolean', 'True when the round has a submitted scorecard'),
      amended: scalar('boolean', 'True when the scorecard was amended after submission'),
      amendments: list(
        'The amendments, oldest first',
        object('An amendment', {
          reason: text('Why the scorecard was amended', { multiline: true }),
          at: time('When'),
          changes: list(
            'What the amendment changed, in order: pillar ratings and evidence, then recommendation and summary',
            object('A change', {
              field: text('What changed', { values: AMENDMENT_FIELDS }),
              label: text('What changed, for people: "Practical coding", "Practical coding evidence", "Recommendation", "Summary"'),
              before: text('The value before (a rating label such as "Yes", or the text); empty when there was none', { multiline: true }),
              after: text('The value after; empty when it was cleared', { multiline: true }),
            }),
          ),
        }),
      ),
    }),
  ),
  submittedRoundCount: scalar('number', 'How many rounds have a submitted scorecard (0: no ratings to show yet)'),
  pendingRounds: list(
    'The rounds without a submitted scorecard, in order',
    object('A pending round', {
      number: scalar('number', 'Position of the round in the loop, 1-based'),
      title: text('Round title'),
      interviewer: object('The interviewer', { name: text('Full name, or "Interviewer 2" when interviewers are redacted') }),
    }),
  ),
});

export interface ViewModelFieldDoc {
  path: string;
  type: string;
  nullable: boolean;
  description: string;
  values?: readonly string[];
  /** Text that may hold line breaks; every other text is one line (line breaks become spaces). */
  multiline?: boolean;
}

function typeName(field: ViewModelField): string {
  switch (field.kind) {
    case 'datetime':
      return 'string (ISO-8601 date-time, UTC)';
    case 'array':
      return `array of ${typeName(field.items)}`;
    default:
      return field.kind;
  }
}

function flatten(field: ViewModelField, path: string): ViewModelFieldDoc[] {
  const own: ViewModelFieldDoc[] = path
    ? [
        {
          path,
          type: typeName(field),
          nullable: 'nullable' in field && field.nullable === true,
          description: field.description,
          ...('values' in field && field.values ? { values: field.values } : {}),
          ...('multiline' in field && field.multiline ? { multiline: true } : {}),
        },
      ]
    : [];
  if (field.kind === 'object')
    return [...own, ...Object.entries(field.fields).flatMap(([name, child]) => flatten(child, path ? `${path}.${name}` : name))];
  if (field.kind === 'array') return [...own, ...flatten(field.items, `${path}[]`)];
  return own;
}

/** Control characters other than tab and line feed: never useful in a packet, confusing in a PDF. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F]/g;

function normalizeField(value: unknown, field: ViewModelField): unknown {
  switch (field.kind) {
    case 'object': {
      const record = value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
      return Object.fromEntries(
        Object.entries(field.fields).map(([name, child]) => [name, normalizeField(Object.hasOwn(record, name) ? record[name] : undefined, child)]),
      );
    }
    case 'array':
      return Array.isArray(value) ? value.map((item) => normalizeField(item, field.items)) : [];
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? value : field.nullable ? null : 0;
    case 'boolean':
      return value === true;
    default: {
      if (value === null || value === undefined) return field.nullable ? null : '';
      const text = (value instanceof Date ? value.toISOString() : String(value)).replace(/\r\n?/g, '\n').replace(CONTROL, '');
      return field.multiline ? text : text.replace(/\s*\n\s*/g, ' ');
    }
  }
}

/**
 * The view model as templates get it: exactly the documented fields as fresh plain data (unknown fields
 * dropped, missing ones null or empty, so strict templates never trip over them), one-line texts on one
 * line (a line break in a title would break a Markdown table), control characters removed.
 */
export function normalizePacketViewModel(viewModel: PacketViewModel): PacketViewModel {
  return normalizeField(viewModel, PACKET_VIEW_MODEL_SCHEMA) as PacketViewModel;
}

/**
 * Names, types and descriptions, for `GET /api/packet-templates/view-model` (which adds the example packet, see
 * `templates/example-packet.ts`).
 */
export const PACKET_VIEW_MODEL_DOC = {
  description:
    'What every packet template receives. Plain data; times are ISO-8601 strings in UTC (format them with the ' +
    'formatDate and formatDateTime helpers). Fields may be added in later versions, never renamed.',
  fields: flatten(PACKET_VIEW_MODEL_SCHEMA, ''),
  helpers: PACKET_TEMPLATE_HELPERS_DOC,
};

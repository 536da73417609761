/**
 * THE rating and decision scales with their labels and values: scorecards, the debrief, analytics and packets all
 * read them from here.
 */

/** The one scale of pillar ratings and recommendations, 1..4 when averaged. */
export const RATINGS = ['strong_no', 'no', 'yes', 'strong_yes'] as const;
export type Rating = (typeof RATINGS)[number];

/** A pillar rating may also say the pillar was not assessed (it then counts in no mean). */
export const PILLAR_RATINGS = [...RATINGS, 'not_assessed'] as const;
export type PillarRating = (typeof PILLAR_RATINGS)[number];

export const RATING_LABELS: Readonly<Record<PillarRating, string>> = {
  strong_no: 'Strong no',
  no: 'No',
  yes: 'Yes',
  strong_yes: 'Strong yes',
  not_assessed: 'Not assessed',
};

/** strong_no = 1 ... strong_yes = 4; `not_assessed` (and no rating) has no value. */
export const RATING_VALUE: Readonly<Record<Rating, number>> = { strong_no: 1, no: 2, yes: 3, strong_yes: 4 };

export const ratingValue = (rating: PillarRating | null | undefined): number | null =>
  rating && rating !== 'not_assessed' ? RATING_VALUE[rating] : null;

/** The hiring decision of a loop. */
export const DECISIONS = ['hire', 'no_hire'] as const;
export type Decision = (typeof DECISIONS)[number];

export const DECISION_LABELS: Readonly<Record<Decision, string>> = { hire: 'Hire', no_hire: 'No hire' };

/** hire = 1, no_hire = 0: the decision as the variable ratings are correlated with. */
export const DECISION_VALUE: Readonly<Record<Decision, number>> = { hire: 1, no_hire: 0 };

/** `'a', 'b'`: a scale's keys for an SQL `IN (...)` list (the keys are the constants above, never input). */
export const sqlList = (values: readonly string[]): string => values.map((value) => `'${value}'`).join(', ');

/** A SQL CASE mapping a scale's keys to its values; NULL for anything else (`not_assessed`, no rating). */
const valueSql = (expression: string, values: Readonly<Record<string, number>>): string =>
  `(CASE ${expression} ${Object.entries(values)
    .map(([key, value]) => `WHEN '${key}' THEN ${value}`)
    .join(' ')} END)::float8`;

/** `ratingValue` in SQL, over a text expression written by the code. */
export const ratingValueSql = (expression: string): string => valueSql(expression, RATING_VALUE);

/** `DECISION_VALUE` in SQL, over a text expression written by the code. */
export const decisionValueSql = (expression: string): string => valueSql(expression, DECISION_VALUE);

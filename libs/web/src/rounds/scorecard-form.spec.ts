import { AppError } from '@loopwright/core';
import { readAmendForm, readScorecardForm, toAmendInput, toSaveInput, UNCHANGED } from './scorecard-form.js';

const PILLAR = '0b5c4d4e-1f7a-4c8e-9a31-2f6d8e9b7c10';
const OTHER_PILLAR = '7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6';
const QUESTION = 'c3a1b2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const problemsOf = async (run: () => unknown): Promise<string[]> => {
  try {
    await run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED')
      return (error.details!.fields as { field: string }[]).map((item) => item.field);
    throw error;
  }
  throw new Error('expected VALIDATION_FAILED');
};

describe('the scorecard form', () => {
  it('reads a whole form into the draft save the API takes: per pillar, per question, recommendation, summary', async () => {
    const posted = readScorecardForm({
      version: '4',
      action: 'submit',
      [`rating:${PILLAR}`]: 'yes',
      [`notes:${PILLAR}`]: 'Derived it.',
      [`notes:${OTHER_PILLAR}`]: '  ',
      [`question:${QUESTION}`]: 'Asked, with a hint.',
      recommendation: 'strong_yes',
      summary: '',
    });
    expect(posted.action).toBe('submit');
    const { input, pillarOrder, questionOrder } = await toSaveInput(posted);
    expect(pillarOrder).toEqual([PILLAR, OTHER_PILLAR]);
    expect(questionOrder).toEqual([QUESTION]);
    expect({
      ...input,
      ratings: input.ratings?.map((item) => ({ ...item })),
      questionsAsked: input.questionsAsked?.map((item) => ({ ...item })),
    }).toEqual({
      version: 4,
      ratings: [
        { pillarId: PILLAR, rating: 'yes', notes: 'Derived it.' },
        { pillarId: OTHER_PILLAR, notes: null },
      ],
      questionsAsked: [{ questionId: QUESTION, notes: 'Asked, with a hint.' }],
      recommendation: 'strong_yes',
      summary: null,
    });
  });

  it('sends only what autosave sent: an emptied question note takes the question off, other fields are left out', async () => {
    const { input } = await toSaveInput(readScorecardForm({ version: '2', [`question:${QUESTION}`]: '' }));
    expect({ ...input, questionsAsked: input.questionsAsked?.map((item) => ({ ...item })) }).toEqual({
      version: 2,
      questionsAsked: [{ questionId: QUESTION, remove: true }],
    });
  });

  it('carries a question’s own rating: with it the question stays asked without notes; with neither it comes off', async () => {
    const rated = await toSaveInput(readScorecardForm({ version: '3', [`question:${QUESTION}`]: ' ', [`question-rating:${QUESTION}`]: 'strong_yes' }));
    expect(rated.questionOrder).toEqual([QUESTION]);
    expect(rated.input.questionsAsked?.map((item) => ({ ...item }))).toEqual([{ questionId: QUESTION, notes: null, rating: 'strong_yes' }]);
    const unrated = await toSaveInput(readScorecardForm({ version: '3', [`question:${QUESTION}`]: 'Kept.', [`question-rating:${QUESTION}`]: '' }));
    expect(unrated.input.questionsAsked?.map((item) => ({ ...item }))).toEqual([{ questionId: QUESTION, notes: 'Kept.', rating: null }]);
    const neither = await toSaveInput(readScorecardForm({ version: '3', [`question:${QUESTION}`]: '', [`question-rating:${QUESTION}`]: '' }));
    expect(neither.input.questionsAsked?.map((item) => ({ ...item }))).toEqual([{ questionId: QUESTION, remove: true }]);
    await expect(problemsOf(() => toSaveInput(readScorecardForm({ version: '1', [`question-rating:${QUESTION}`]: 'not_assessed' })))).resolves.toEqual([
      'questionsAsked.0.rating',
    ]);
  });

  it('refuses what the form never sends: no version, an unknown field, a field sent twice, an unknown action', async () => {
    await expect(problemsOf(() => readScorecardForm({ summary: 'x' }))).resolves.toEqual(['version']);
    await expect(problemsOf(() => readScorecardForm({ version: '1', 'rating:not-a-uuid': 'yes', other: 'x' }))).resolves.toEqual([
      'rating:not-a-uuid',
      'other',
    ]);
    await expect(problemsOf(() => readScorecardForm({ version: '1', summary: ['a', 'b'] }))).resolves.toEqual(['summary']);
    await expect(problemsOf(() => readScorecardForm({ version: '1', action: 'publish' }))).resolves.toEqual(['action']);
  });

  it('checks the values with the API’s own rules: a rating outside the scale is refused', async () => {
    await expect(problemsOf(() => toSaveInput(readScorecardForm({ version: '1', [`rating:${PILLAR}`]: 'maybe' })))).resolves.toEqual([
      'ratings.0.rating',
    ]);
  });
});

describe('the amendment form', () => {
  const current = new Map([[PILLAR, 'no' as const]]);

  it('changes a pillar with a new rating, or with new notes at the rating in effect; "No change" sends nothing', async () => {
    const values = readAmendForm({
      reason: 'Re-read my notes.',
      [`amend-rating:${PILLAR}`]: UNCHANGED,
      [`amend-notes:${PILLAR}`]: 'The tests were only sketched.',
      [`amend-rating:${OTHER_PILLAR}`]: UNCHANGED,
      'amend-recommendation': 'yes',
      'amend-summary': '',
    });
    const { input, pillarOrder } = await toAmendInput(values, current);
    expect(pillarOrder).toEqual([PILLAR]);
    expect({ ...input, ratings: input.ratings?.map((item) => ({ ...item })) }).toEqual({
      reason: 'Re-read my notes.',
      ratings: [{ pillarId: PILLAR, rating: 'no', notes: 'The tests were only sketched.' }],
      recommendation: 'yes',
    });
  });

  it('needs a reason, as the API does', async () => {
    await expect(problemsOf(() => toAmendInput(readAmendForm({ reason: '   ', 'amend-recommendation': 'yes' }), current))).resolves.toEqual(
      ['reason'],
    );
  });
});

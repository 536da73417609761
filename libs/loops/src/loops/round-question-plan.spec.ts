import { AppError } from '@loopwright/core';
import { keptForPillars, requestedPlan, type PlannableQuestion, type RequestedPlanFacts } from './round-question-plan.js';

const question = (id: string, pillarId: string, overrides: Partial<PlannableQuestion> = {}): PlannableQuestion => ({
  id,
  pillarId,
  status: 'active',
  currentVersion: 3,
  ...overrides,
});

const bank = [
  question('q-design', 'design'),
  question('q-coding', 'coding', { currentVersion: 5 }),
  question('q-retired', 'design', { status: 'retired' }),
  question('q-seen', 'design'),
  question('q-other-round', 'design'),
];

const facts = (overrides: Partial<RequestedPlanFacts> = {}): RequestedPlanFacts => ({
  roundId: 'r1',
  pillarIds: ['design', 'coding'],
  current: [],
  questions: new Map(bank.map((entry) => [entry.id, entry])),
  loopPlan: [{ roundId: 'r2', questionId: 'q-other-round' }],
  seenByCandidate: new Set(['q-seen']),
  ...overrides,
});

/** The `details.fields` of the AppError that `run` throws. */
function fieldProblems(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError && error.code === 'VALIDATION_FAILED') return error.details?.fields;
    throw error;
  }
  throw new Error('expected a VALIDATION_FAILED error');
}

describe('keptForPillars', () => {
  it('drops the questions of pillars the round no longer assesses, and keeps the order and pinned versions of the rest', () => {
    const current = [
      { questionId: 'a', version: 1 },
      { questionId: 'b', version: 4 },
      { questionId: 'c', version: 2 },
    ];
    const pillarOf = new Map([
      ['a', 'design'],
      ['b', 'coding'],
      ['c', 'design'],
    ]);
    expect(keptForPillars(current, ['design'], pillarOf)).toEqual([
      { questionId: 'a', version: 1 },
      { questionId: 'c', version: 2 },
    ]);
    // A question the organization no longer has is no question of any pillar.
    expect(keptForPillars(current, ['design', 'coding'], new Map([['b', 'coding']]))).toEqual([{ questionId: 'b', version: 4 }]);
  });
});

describe('requestedPlan', () => {
  it('plans the requested questions in order, new ones at their current version', () => {
    expect(requestedPlan(['q-coding', 'q-design'], facts())).toEqual([
      { questionId: 'q-coding', version: 5 },
      { questionId: 'q-design', version: 3 },
    ]);
    expect(requestedPlan([], facts())).toEqual([]);
  });

  it('keeps the pinned version of a question the round already asks, retired or not', () => {
    const current = [
      { questionId: 'q-design', version: 1 },
      { questionId: 'q-retired', version: 2 },
    ];
    const loopPlan = [{ roundId: 'r1', questionId: 'q-design' }, { roundId: 'r1', questionId: 'q-retired' }];
    expect(requestedPlan(['q-retired', 'q-design'], facts({ current, loopPlan }))).toEqual([
      { questionId: 'q-retired', version: 2 },
      { questionId: 'q-design', version: 1 },
    ]);
  });

  it('names every refused question by its index, with the first rule it breaks', () => {
    const requested = ['q-unknown', 'q-other-round', 'q-coding', 'q-retired', 'q-seen', 'q-design'];
    expect(fieldProblems(() => requestedPlan(requested, facts({ pillarIds: ['design'] })))).toEqual([
      { field: 'questionIds.0', problems: ['not a question of this organization'] },
      { field: 'questionIds.1', problems: ['already planned for another round of this loop'] },
      { field: 'questionIds.2', problems: ['not a question of the round’s pillars'] },
      { field: 'questionIds.3', problems: ['a retired question cannot be planned'] },
      { field: 'questionIds.4', problems: ['this candidate was already planned or asked this question'] },
    ]);
  });

  it('refuses a question that another round of the loop plans, next to one the round keeps', () => {
    const current = [{ questionId: 'q-coding', version: 5 }];
    const loopPlan = [
      { roundId: 'r1', questionId: 'q-coding' },
      { roundId: 'r2', questionId: 'q-design' },
    ];
    expect(fieldProblems(() => requestedPlan(['q-coding', 'q-design'], facts({ current, loopPlan })))).toEqual([
      { field: 'questionIds.1', problems: ['already planned for another round of this loop'] },
    ]);
  });
});

import { amendmentsChanging, effectiveValues, missingForSubmit, pillarStats, ratingValue, recommendationsSplit, tallyOf, type PillarCell } from './scorecard-math.js';

const cell = (interviewerId: string, rating: PillarCell['rating']): PillarCell => ({
  roundId: `round-${interviewerId}`,
  roundTitle: 'Round',
  interviewer: { id: interviewerId, name: interviewerId },
  shadow: false,
  rating,
  value: ratingValue(rating),
  notes: null,
});

/** A submitted scorecard that amendments change. */
const submitted = {
  ratings: [
    { pillarId: 'p1', rating: 'yes' as const, notes: 'first' },
    { pillarId: 'p2', rating: 'no' as const, notes: null },
  ],
  recommendation: 'yes' as const,
  summary: 'The original summary of the round.',
};

describe('scorecard math', () => {
  it('maps the scale to 1..4 and leaves not_assessed out', () => {
    expect([ratingValue('strong_no'), ratingValue('no'), ratingValue('yes'), ratingValue('strong_yes')]).toEqual([1, 2, 3, 4]);
    expect(ratingValue('not_assessed')).toBeNull();
    expect(ratingValue(null)).toBeNull();
  });

  it('computes mean, spread and standard deviation, and flags interviewers 2+ points apart', () => {
    const stats = pillarStats([cell('a', 'strong_yes'), cell('b', 'no'), cell('c', 'yes'), cell('d', 'not_assessed')]);
    expect(stats.mean).toBe(3);
    expect(stats.spread).toBe(2);
    expect(stats.standardDeviation).toBeCloseTo(0.82, 2);
    expect(stats.disagreement).toBe(true);
    expect(stats.disagreements).toEqual([{ a: { roundId: 'round-a', interviewerId: 'a' }, b: { roundId: 'round-b', interviewerId: 'b' }, difference: 2 }]);
  });

  it('does not flag a 1-point difference, and has no mean without ratings', () => {
    expect(pillarStats([cell('a', 'yes'), cell('b', 'strong_yes')])).toMatchObject({ mean: 3.5, spread: 1, disagreement: false });
    expect(pillarStats([cell('a', 'not_assessed')])).toMatchObject({ mean: null, spread: null, disagreement: false });
  });

  it('tallies recommendations', () => {
    expect(tallyOf(['yes', 'yes', 'strong_no', null])).toEqual({ strong_no: 1, no: 0, yes: 2, strong_yes: 0 });
  });

  it('applies amendments in order on top of the submitted values, leaving the submitted ones untouched', () => {
    const effective = effectiveValues(submitted, [
      { ratings: [{ pillarId: 'p1', rating: 'strong_yes', notes: 'second' }], recommendation: null, summary: null },
      { ratings: null, recommendation: 'strong_yes', summary: null },
      { ratings: [{ pillarId: 'p1', rating: 'no', notes: 'third' }], recommendation: null, summary: 'A corrected summary of the round.' },
    ]);
    expect(effective).toEqual({
      ratings: [
        { pillarId: 'p1', rating: 'no', notes: 'third' },
        { pillarId: 'p2', rating: 'no', notes: null },
      ],
      recommendation: 'strong_yes',
      summary: 'A corrected summary of the round.',
    });
    expect(submitted.ratings[0]).toEqual({ pillarId: 'p1', rating: 'yes', notes: 'first' });
  });

  it('lists what a scorecard lacks before submission', () => {
    expect(
      missingForSubmit(['p1', 'p2', 'p3'], {
        ratings: [
          { pillarId: 'p1', rating: 'yes', notes: null },
          { pillarId: 'p2', rating: 'not_assessed', notes: '  ' },
        ],
        recommendation: null,
        summary: 'too short',
      }),
    ).toEqual([
      { field: 'ratings', pillarId: 'p2', problem: 'not_assessed needs a note saying why' },
      { field: 'ratings', pillarId: 'p3', problem: 'this pillar is not rated' },
      { field: 'recommendation', problem: 'a recommendation is required' },
      { field: 'summary', problem: 'a summary of at least 20 characters is required' },
    ]);
    expect(
      missingForSubmit(['p1'], {
        ratings: [{ pillarId: 'p1', rating: 'not_assessed', notes: 'Ran out of time' }],
        recommendation: 'no',
        summary: 'Twenty characters or more here.',
      }),
    ).toEqual([]);
  });

  it('names the amendments that changed a rating or the recommendation, not those that restated it', () => {
    const at = (day: number) => new Date(Date.UTC(2025, 0, day));
    const card = {
      ...submitted,
      amendments: [
        { reason: 'Misclicked', at: at(1), ratings: [{ pillarId: 'p1', rating: 'strong_yes' as const, notes: 'first' }], recommendation: null, summary: null },
        { reason: 'Notes only', at: at(2), ratings: [{ pillarId: 'p2', rating: 'no' as const, notes: 'more evidence' }], recommendation: null, summary: null },
        { reason: 'Rethought', at: at(3), ratings: null, recommendation: 'strong_yes' as const, summary: null },
      ],
    };
    expect(amendmentsChanging(card, { pillarId: 'p1' })).toEqual([{ reason: 'Misclicked', at: at(1) }]);
    expect(amendmentsChanging(card, { pillarId: 'p2' })).toEqual([]);
    expect(amendmentsChanging(card, 'recommendation')).toEqual([{ reason: 'Rethought', at: at(3) }]);
  });

  it('calls recommendations split when one is against and one is for', () => {
    expect(recommendationsSplit(tallyOf(['no', 'strong_yes']))).toBe(true);
    expect(recommendationsSplit(tallyOf(['strong_no', 'no']))).toBe(false);
    expect(recommendationsSplit(tallyOf(['yes', 'strong_yes', null]))).toBe(false);
  });
});

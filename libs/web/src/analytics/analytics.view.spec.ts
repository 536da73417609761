import type { InterviewerAnalyticsDto, QuestionAnalyticsDto } from '@loopwright/scorecards';
import {
  analyticsFilters,
  analyticsUrl,
  calibrationPillars,
  DEFAULT_QUESTION_SORT,
  describeSort,
  flagSummary,
  periodStart,
  questionHeaders,
  questionRows,
  sortQuestions,
  type AnalyticsState,
} from './analytics.view.js';
import { chanceText } from './question-signal.view.js';

const PATH = '/app/analytics';
const STATE: AnalyticsState = { positionId: null, period: 'all', sort: DEFAULT_QUESTION_SORT };
const FOUNDATIONS = { id: 'p1', key: 'foundations', name: 'Foundations' };

const cell = (count: number, offset: number | null, interval: { low: number; high: number } | null) => ({
  pillar: FOUNDATIONS,
  count,
  meanRating: 3,
  organizationMean: 2.5,
  offset,
  confidenceInterval: interval,
  enoughData: interval !== null,
  strongShare: 0.25,
  adjustedOffset: offset,
  adjustedConfidenceInterval: interval,
  adjustedEnoughData: false,
});

const overall = { count: 0, adjustedOffset: null, adjustedConfidenceInterval: null, enoughData: false };

const interviewers: InterviewerAnalyticsDto = {
  minCount: 5,
  computedAt: new Date('2026-12-01T10:00:00Z'),
  items: [
    { interviewer: { id: 'a', name: 'Ada' }, submitted: 6, onTimeRate: 0.5, medianHoursToSubmit: 3.25, pillars: [cell(6, 0.5, { low: 0.1, high: 0.9 })], overall },
    { interviewer: { id: 'b', name: 'Ben' }, submitted: 2, onTimeRate: null, medianHoursToSubmit: null, pillars: [cell(2, null, null)], overall },
  ],
};

const question = (id: string, title: string, timesAsked: number, meanRating: number | null, decided: number, correlation: number | null) => ({
  question: { id, title, pillarId: 'p1' },
  timesAsked,
  ratedCount: timesAsked,
  questionRatingCount: 0,
  meanRating,
  decided: { count: decided, hires: decided === 0 ? 0 : 1, noHires: decided - (decided === 0 ? 0 : 1) },
  correlation,
  ownRatings: 0,
  discrimination: null,
  decisionDiscrimination: null,
  lowSignal: false,
  signalRank: null,
  possibleLeak: null,
});

const questions: QuestionAnalyticsDto = {
  minCount: 5,
  computedAt: new Date('2026-12-01T10:00:00Z'),
  lowSignalThreshold: 0.3,
  items: [question('q1', 'Bias and variance', 9, 2.5, 6, 0.3), question('q2', 'Attention', 4, null, 0, null), question('q3', 'Calibration', 2, 3.5, 5, null)],
};

const flagged = {
  ...question('q4', 'Leaked one', 40, 3.4, 20, 0.1),
  discrimination: { value: 0.12, interval: { low: -0.05, high: 0.28 }, count: 40 },
  lowSignal: true,
  signalRank: 2,
  possibleLeak: { since: new Date('2026-03-03T10:00:00Z'), effect: 0.84, pValue: 0.0031 },
};
const telling = { ...question('q5', 'Telling one', 30, 2.5, 20, 0.4), discrimination: { value: 0.55, interval: { low: 0.3, high: 0.72 }, count: 30 }, signalRank: 1 };

describe('analytics page view', () => {
  it('makes one chart per pillar in the organization’s order, a small sample flagged in words and kept out of the chart', () => {
    const [pillar, ...rest] = calibrationPillars(interviewers, [FOUNDATIONS, { id: 'p2', key: 'coding', name: 'Coding' }]);
    expect(rest).toEqual([]);
    expect(pillar!.titleId).toBe('chart-foundations-title');
    expect(pillar!.organizationMean).toBe('2.50');
    expect(pillar!.rows.map((row) => [row.interviewerName, row.offset, row.interval, row.reading])).toEqual([
      ['Ada', '+0.50', '+0.10 to +0.90', 'Rates higher than the organization'],
      ['Ben', '\u2014', '\u2014', 'Too few ratings (2 of 5 needed)'],
    ]);
    expect(pillar!.smallSamples).toBe(1);
    expect(pillar!.chart.rows.map((row) => row.dot?.direction ?? row.valueText)).toEqual(['higher', 'too few ratings (2 of 5)']);
    expect(pillar!.chartDescription).toContain('Ada: +0.50, interval +0.10 to +0.90, 6 ratings; rates higher than the organization.');
    expect(pillar!.chartDescription).toContain('Ben: too few ratings to judge (2 of 5 needed).');
  });

  it('sorts questions by a column either way, empty values last both ways', () => {
    const items = questions.items.map((item) => ({ ...item, pillarName: 'Foundations' }));
    const titles = (key: 'mean' | 'question', dir: 'asc' | 'desc') => sortQuestions(items, { key, dir }).map((item) => item.question.title);
    expect(titles('mean', 'desc')).toEqual(['Calibration', 'Bias and variance', 'Attention']);
    expect(titles('mean', 'asc')).toEqual(['Bias and variance', 'Calibration', 'Attention']);
    expect(titles('question', 'asc')).toEqual(['Attention', 'Bias and variance', 'Calibration']);
  });

  it('says why a question has no correlation', () => {
    expect(questionRows(questions, new Map([['p1', 'Foundations']]), { key: 'asked', dir: 'desc' }, 'UTC').map((row) => row.correlation)).toEqual([
      '+0.30',
      'Too few decided (0 of 5)',
      'Ratings do not vary',
    ]);
  });

  it('links each heading to its sort, turning the sorted one round and keeping the filters; aria-sort only on the sorted one', () => {
    const state: AnalyticsState = { positionId: 'pos-1', period: '90d', sort: { key: 'mean', dir: 'desc' } };
    const headers = questionHeaders(PATH, state);
    expect(headers.filter((header) => header.ariaSort).map((header) => [header.label, header.ariaSort])).toEqual([['Mean rating', 'descending']]);
    expect(headers.find((header) => header.label === 'Mean rating')!.href).toBe(`${PATH}?position=pos-1&period=90d&sort=mean&dir=asc#questions`);
    expect(headers.find((header) => header.label === 'Question')!.href).toBe(`${PATH}?position=pos-1&period=90d&sort=question&dir=asc#questions`);
    // Back to the default sort (by signal, highest first): no parameters at all.
    expect(questionHeaders(PATH, { ...STATE, sort: { key: 'signal', dir: 'asc' } }).find((header) => header.label === 'Signal')!.href).toBe(`${PATH}#questions`);
  });

  it('writes the page URL without defaults, and starts a period that many days ago', () => {
    expect(analyticsUrl(PATH, STATE)).toBe(PATH);
    expect(analyticsUrl(PATH, { ...STATE, period: '30d' })).toBe(`${PATH}?period=30d`);
    const now = new Date('2026-03-31T12:00:00Z');
    expect(periodStart('all', now)).toBeNull();
    expect(periodStart('30d', now)).toEqual(new Date('2026-03-01T12:00:00Z'));
  });

  it('offers every position by title, says what the figures cover, and how to clear the filters', () => {
    const positions = [
      { id: 'b', title: 'Backend engineer' },
      { id: 'a', title: 'AI engineer' },
    ];
    const filters = analyticsFilters(PATH, { positionId: 'b', period: '365d', sort: { key: 'mean', dir: 'asc' } }, positions);
    expect(filters.positions.map((option) => [option.label, option.selected])).toEqual([
      ['All positions', false],
      ['AI engineer', false],
      ['Backend engineer', true],
    ]);
    expect(filters.periods.find((option) => option.selected)!.label).toBe('Last 12 months');
    expect(filters.description).toBe('Scorecards of the loops of Backend engineer, submitted in the last 12 months.');
    expect(filters.active).toBe(true);
    expect(filters.clearHref).toBe(`${PATH}?sort=mean&dir=asc`);
    expect(analyticsFilters(PATH, STATE, positions)).toMatchObject({ active: false, description: 'Scorecards of every position, submitted at any time.' });
  });

  it('ranks questions by signal by default, with the interval and count, flags as text with the effect and chance in words', () => {
    const rows = questionRows({ ...questions, items: [...questions.items, flagged, telling] }, new Map([['p1', 'Foundations']]), DEFAULT_QUESTION_SORT, 'Europe/Berlin');
    expect(rows.map((row) => [row.title, row.signal, row.rank])).toEqual([
      ['Telling one', '+0.55 (95%: +0.30 to +0.72; 30 candidates)', 'Rank 1 of 2'],
      ['Leaked one', '+0.12 (95%: \u22120.05 to +0.28; 40 candidates)', 'Rank 2 of 2'],
      ['Bias and variance', 'Not enough data', null],
      ['Attention', 'Not enough data', null],
      ['Calibration', 'Not enough data', null],
    ]);
    const [leak, low] = rows[1]!.marks;
    expect([leak!.label, low!.label]).toEqual(['Possible leak since 3 Mar 2026', 'Low signal']);
    expect(leak!.explanation).toBe(
      'From 3 Mar 2026 on, candidates are rated 0.8 points higher on this question (scale 1 to 4) than before, after allowing for the candidate and the interviewer. A change this large by chance alone: about 1 in 320.',
    );
    expect(low!.explanation).toContain('(at most +0.28, against the +0.30 a useful question reaches)');
    expect(rows[0]!.marks).toEqual([]);
    expect(flagSummary(rows)).toBe('1 question is flagged (1 possible leak, 1 with low signal): consider retiring it.');
    expect(flagSummary(rows.slice(0, 1))).toBeNull();
    expect(describeSort(DEFAULT_QUESTION_SORT)).toBe('Sorted by signal, highest first.');
  });

  it('says a small p-value as odds', () => {
    expect(chanceText(0.0004)).toBe('less than 1 in 1,000');
    expect(chanceText(0.04)).toBe('about 1 in 25');
    expect(chanceText(0.002)).toBe('about 1 in 500');
  });
});

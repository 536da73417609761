import type { InterviewKitDto } from '@loopwright/loops';
import type { ScorecardDto } from '@loopwright/scorecards';
import { amendValuesFrom, buildDetachedDraftView, buildRoundView, type RoundPageState } from './round.view.js';
import { FIELD, type ScorecardValues } from './scorecard-form.js';

const PILLAR = { id: '0b5c4d4e-1f7a-4c8e-9a31-2f6d8e9b7c10', key: 'coding', name: 'Practical coding', description: 'Code.' };
const QUESTION_ID = 'c3a1b2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d';

const kit = (startsAt: string): InterviewKitDto => ({
  round: {
    id: '5f0e1d2c-3b4a-4958-8776-655443322110',
    loopId: '1a2b3c4d-5e6f-4081-9a2b-3c4d5e6f7081',
    title: 'Coding',
    startsAt: new Date(startsAt),
    endsAt: new Date(Date.parse(startsAt) + 3_600_000),
    interviewerId: null,
    shadowInterviewerIds: [],
    scorecardStatus: 'draft',
  },
  shadow: false,
  notAttendedAt: null,
  candidate: { id: '9e8d7c6b-5a49-4837-a261-5f4e3d2c1b0a', name: 'Ada Lovelace' },
  position: { id: '2b3c4d5e-6f70-4182-93a4-b5c6d7e8f901', title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior' },
  pillars: [PILLAR],
  questions: [
    {
      questionId: QUESTION_ID,
      version: 1,
      title: 'Debounce',
      pillarId: PILLAR.id,
      prompt: 'Write *it*.',
      rubric: { strong_no: 'None', no: '', yes: 'Works', strong_yes: 'Tested' },
      followUps: ['Why?'],
    },
  ],
});

const draft = {
  status: 'draft',
  version: 3,
  ratings: [{ pillarId: PILLAR.id, rating: 'yes', notes: 'Stored notes.' }],
  questionsAsked: [],
  recommendation: null,
  summary: 'Stored summary.',
} as unknown as ScorecardDto;

const view = (state: RoundPageState, startsAt = '2026-03-29T00:30:00Z', timeZone = 'Europe/Berlin') =>
  buildRoundView({
    shell: { userName: 'Grace', nav: [] },
    timeZone,
    kit: kit(startsAt),
    scorecard: draft,
    others: null,
    pillarNames: new Map(),
    renderMarkdown: (source) => `<p>${source}</p>`,
    now: new Date('2026-03-28T12:00:00Z'),
    autosaveDelayMs: 2000,
    state,
  });

const values = (partial: Partial<ScorecardValues>): ScorecardValues => ({ ratings: new Map(), questionNotes: new Map(), questionRatings: new Map(), ...partial });

describe('the round page view', () => {
  it('names the zone and leaves out the end’s date on one day; both in full across a change of zone', () => {
    expect(view({}, '2026-03-30T07:00:00Z').when).toMatchObject({ startsText: 'Mon 30 Mar 2026, 09:00', endsText: '10:00 CEST' });
    // 00:30 UTC on the night the clocks change: 01:30 CET to 03:30 CEST.
    expect(view({}).when).toMatchObject({ startsText: 'Sun 29 Mar 2026, 01:30 CET', endsText: 'Sun 29 Mar 2026, 03:30 CEST' });
  });

  it('shows what was posted instead of the stored draft, at the posted version, and says when it can be submitted', () => {
    const page = view({ posted: values({ summary: 'Typed, refused.' }), version: 2, conflict: true });
    expect(page.scorecard?.draft).toMatchObject({ version: 2, conflict: true, summary: { value: 'Typed, refused.', kept: null } });
    expect(page.scorecard?.draft?.pillars[0]).toMatchObject({ notes: 'Stored notes.', keptNotes: null });
    expect(page.scorecard?.draft?.submitFrom?.iso).toBe('2026-03-29T00:30:00.000Z');
    expect(page.questions[0]).toMatchObject({
      promptHtml: '<p>Write *it*.</p>',
      rubric: [{ label: 'Strong no' }, { label: 'Yes' }, { label: 'Strong yes' }],
    });
  });

  it('after loading the other version, keeps this tab’s text beside each field that differs, and only those', () => {
    const kept = values({
      ratings: new Map([[PILLAR.id, { rating: 'no', notes: 'Stored notes.' }]]),
      questionNotes: new Map([[QUESTION_ID, 'Mine on the question.']]),
      summary: 'Stored summary.',
    });
    const page = view({ notice: 'loaded', kept });
    expect(page.scorecard?.draft?.pillars[0]).toMatchObject({ keptRating: 'No', keptNotes: null });
    expect(page.questions[0]?.notes).toMatchObject({ value: '', kept: 'Mine on the question.' });
    expect(page.scorecard?.draft?.summary.kept).toBeNull();
    expect(page.notice).toMatch(/other version is loaded/);
  });

  it('links each problem from the summary to its field, in the order of the form', () => {
    const fieldErrors = new Map([
      [FIELD.summary, 'Write a summary of at least 20 characters'],
      [FIELD.rating(PILLAR.id), 'Choose a rating for Practical coding'],
    ]);
    const draftView = view({ fieldErrors }).scorecard?.draft;
    expect(draftView?.errors).toEqual([
      { text: 'Choose a rating for Practical coding', href: `#rating-${PILLAR.id}-strong_no` },
      { text: 'Write a summary of at least 20 characters', href: '#summary' },
    ]);
    expect(draftView?.pillars[0]?.error).toEqual({ id: `rating-${PILLAR.id}-error`, text: 'Choose a rating for Practical coding' });
  });
});

describe('"I did not attend" on the round page', () => {
  it('offers the form once the round has started, while the scorecard is not submitted', () => {
    expect(view({}).attendance).toEqual({ saidAt: null, form: null });
    const started = view({ attendanceError: 'Tick the box.' }, '2026-03-28T09:00:00Z');
    expect(started.attendance?.form).toEqual({
      action: '/app/rounds/5f0e1d2c-3b4a-4958-8776-655443322110/not-attended',
      error: { id: 'attendance-error', text: 'Tick the box.' },
    });
  });

  it('once said, says when and offers nothing to fill: no scorecard form, no notes fields', () => {
    const page = buildRoundView({
      shell: { userName: 'Grace', nav: [] },
      timeZone: 'Europe/Berlin',
      kit: { ...kit('2026-03-28T09:00:00Z'), notAttendedAt: new Date('2026-03-28T11:00:00Z') },
      scorecard: draft,
      others: null,
      pillarNames: new Map(),
      renderMarkdown: (source) => source,
      now: new Date('2026-03-28T12:00:00Z'),
      autosaveDelayMs: 2000,
      state: {},
    });
    expect(page.attendance).toEqual({ saidAt: { iso: '2026-03-28T11:00:00.000Z', text: 'Sat 28 Mar 2026, 12:00 CET' }, form: null });
    expect(page.scorecard).toBeNull();
    expect(page.others).toBeNull();
    expect(page.questions[0]?.notes).toBeNull();
  });
});

describe('typing kept for an amendment after the scorecard was submitted elsewhere', () => {
  const effective = {
    ratings: [
      { pillarId: 'p1', rating: 'yes' as const, notes: 'Same.' },
      { pillarId: 'p2', rating: 'no' as const, notes: null },
    ],
    recommendation: 'yes' as const,
    summary: 'Submitted summary.',
  };

  it('carries only what differs from the submitted values, the rest left unchanged', () => {
    const typed: ScorecardValues = {
      ratings: new Map([
        ['p1', { rating: 'yes', notes: ' Same. ' }],
        ['p2', { rating: 'strong_yes', notes: 'New notes.' }],
      ]),
      questionNotes: new Map(),
      questionRatings: new Map(),
      recommendation: 'yes',
      summary: 'Another summary.',
    };
    const amend = amendValuesFrom(typed, effective);
    expect([...amend.ratings]).toEqual([['p2', { rating: 'strong_yes', notes: 'New notes.' }]]);
    expect(amend).toMatchObject({ reason: '', recommendation: 'unchanged', summary: 'Another summary.' });
  });

  it('leaves a cleared field unchanged rather than amending it to nothing', () => {
    const typed: ScorecardValues = { ratings: new Map([['p1', { rating: '', notes: '' }]]), questionNotes: new Map(), questionRatings: new Map(), summary: '' };
    const amend = amendValuesFrom(typed, effective);
    expect(amend.ratings.size).toBe(0);
    expect(amend.summary).toBe('');
  });
});

describe('a draft its author kept after leaving the round', () => {
  it('keeps each question the draft rated or noted, with the rating, and leaves out the untouched ones', () => {
    const kept = buildDetachedDraftView({
      shell: { userName: 'Grace', nav: [] },
      timeZone: 'Europe/Berlin',
      pillarNames: new Map([[PILLAR.id, PILLAR.name]]),
      draft: {
        ...draft,
        updatedAt: new Date('2026-03-28T12:00:00Z'),
        questionsAsked: [
          { questionId: QUESTION_ID, version: 1, title: 'Debounce', notes: null, rating: 'strong_yes' },
          { questionId: QUESTION_ID, version: 1, title: 'Throttle', notes: 'Used a queue.', rating: null },
          { questionId: QUESTION_ID, version: 1, title: 'Untouched', notes: null, rating: null },
        ],
      } as unknown as ScorecardDto,
    });
    expect(kept.questions.map((question) => [question.title, question.ratingLabel, question.notes])).toEqual([
      ['Debounce', 'Strong yes', null],
      ['Throttle', null, 'Used a queue.'],
    ]);
  });
});

import { conflict } from '@loopwright/core';
import type { LoopDto, LoopRoundDto, RoundOptions } from '@loopwright/loops';
import type { PillarDto } from '@loopwright/question-bank';
import { buildLoopPlanView } from './loop-plan.view.js';

const pillar = (id: string, key: string, name: string, position: number): PillarDto => ({ id, key, name, description: '', position, createdAt: new Date(0) });
const PILLARS = [pillar('p1', 'coding', 'Coding', 0), pillar('p2', 'behavioral', 'Behavioral', 1), pillar('p3', 'design', 'Design', 2)];

const round = (id: string, title: string, pillarIds: string[], extra: Partial<LoopRoundDto> = {}): LoopRoundDto => ({
  id,
  title,
  position: 0,
  pillarIds,
  durationMinutes: 60,
  startsAt: null,
  endsAt: null,
  interviewerId: null,
  interviewer: null,
  shadowInterviewerIds: [],
  shadowInterviewers: [],
  questionIds: [],
  plannedQuestions: [],
  scorecardStatus: 'not_started',
  notAttended: [],
  ...extra,
});

const person = (id: string, name: string, load = 0, reasons: string[] = []) => ({ user: { id, name, email: `${id}@example.test` }, load, reasons });

const LOOP = {
  id: 'loop-1',
  status: 'draft',
  candidate: { id: 'c1', name: 'Ada Lovelace' },
  position: { id: 'pos', title: 'AI Engineer' },
  rounds: [
    round('r1', 'Coding', ['p1'], {
      startsAt: new Date('2026-12-01T13:00:00Z'),
      endsAt: new Date('2026-12-01T14:00:00Z'),
      shadowInterviewerIds: ['u3'],
      shadowInterviewers: [{ id: 'u3', name: 'Sam Shadow' }],
    }),
    round('r2', 'Behaviour', ['p2']),
  ],
  coverage: { coding: 1, behavioral: 1, design: 0 },
  missingPillars: ['design'],
} as unknown as LoopDto;

const OPTIONS: RoundOptions[] = [
  {
    roundId: 'r1',
    interviewers: { items: [person('u1', 'Dana Lee', 0), person('u3', 'Sam Shadow', 1)], excluded: [person('u2', 'Eve Busy', 2, ['INTERVIEWER_DOUBLE_BOOKED'])] },
    shadows: { items: [person('u3', 'Sam Shadow'), person('u4', 'Tia Trainee')], excluded: [] },
  },
  { roundId: 'r2', interviewers: null, shadows: { items: [], excluded: [] } },
];

const build = (state = {}) =>
  buildLoopPlanView({ shell: { userName: 'Me', nav: [] }, timeZone: 'Europe/Berlin', loop: LOOP, pillars: PILLARS, options: OPTIONS, readOnlyReason: null, state });

describe('the loop plan view', () => {
  it('marks the missing pillar in the matrix in words, a row per pillar and a cell per round', () => {
    const view = build();
    expect(view.coverage.rows.map((row) => [row.pillarName, row.cells.map((cell) => cell.covered), row.coverageText])).toEqual([
      ['Coding', [true, false], '1 round'],
      ['Behavioral', [false, true], '1 round'],
      ['Design', [false, false], 'Missing'],
    ]);
    expect(view.missingPillars).toEqual(['Design']);
    expect(view.coverageComplete).toBe(false);
  });

  it('offers the suggestions with their load (not the round’s own shadow), the others with their reasons, and no one before a time is set', () => {
    const [first, second] = build().rounds;
    expect(first!.when?.text).toBe('Tue 1 Dec 2026, 14:00–15:00 CET');
    expect(first!.interviewers.options.map((option) => option.label)).toEqual(['Dana Lee (0 interviews that week)']);
    expect(first!.interviewers.notOffered).toEqual([{ name: 'Eve Busy', reasons: 'busy at that time' }]);
    expect(first!.shadowChoices.options.map((option) => option.label)).toEqual(['Tia Trainee']);
    expect(second!.interviewers.needsTime).toBe(true);
    expect(second!.shadowChoices.none).toBe(true);
  });

  it('puts a refusal next to its round only, naming the clash, and keeps what was typed', () => {
    const error = conflict('INTERVIEWER_ALREADY_IN_LOOP', '…', { interviewerId: 'u3', title: 'Coding', as: 'shadow' });
    const view = build({ roundId: 'r2', error, schedule: { date: '2026-12-02', start: '09:00', duration: '45' } });
    expect(view.rounds[0]!.problem).toBeNull();
    expect(view.rounds[1]!.problem).toContain('Sam Shadow is already on this loop: Sam Shadow shadows the round “Coding”.');
    expect(view.rounds[1]!.schedule).toMatchObject({ date: '2026-12-02', start: '09:00', duration: '45' });
    expect(view.rounds[0]!.schedule).toMatchObject({ date: '2026-12-01', start: '14:00', duration: '60' });
  });
});

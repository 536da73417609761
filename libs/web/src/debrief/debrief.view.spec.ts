import type { LoopDto } from '@loopwright/loops';
import { tallyOf, type DebriefSummaryDto, type MissingScorecardDto } from '@loopwright/scorecards';
import { buildDebriefView, type DebriefViewInput } from './debrief.view.js';

const LOOP_ID = '1a2b3c4d-5e6f-4081-9a2b-3c4d5e6f7081';
const NOW = new Date('2025-03-04T12:00:00Z');

const round = (id: string, title: string, endsAt: string | null) => ({
  id,
  title,
  position: 0,
  pillarIds: [],
  durationMinutes: 60,
  startsAt: endsAt ? new Date(Date.parse(endsAt) - 3_600_000) : null,
  endsAt: endsAt ? new Date(endsAt) : null,
  interviewerId: `${id}-interviewer`,
  interviewer: { id: `${id}-interviewer`, name: `${title} interviewer` },
  shadowInterviewerIds: [],
  shadowInterviewers: [],
  questionIds: [],
  plannedQuestions: [],
  scorecardStatus: 'draft',
  notAttended: [] as { userId: string; name: string; shadow: boolean; at: Date }[],
});

const loop = (status: LoopDto['status']): LoopDto =>
  ({
    id: LOOP_ID,
    status,
    candidate: { id: 'c', name: 'Ada Lovelace' },
    position: { id: 'p', title: 'AI Engineer', hiringManagerId: 'manager' },
    rounds: [round('held', 'Held', '2025-03-04T10:00:00Z'), round('later', 'Later', '2025-03-05T10:00:00Z'), round('unset', 'Unset', null)],
  }) as unknown as LoopDto;

const missing = (roundId: string, title: string, late: boolean): MissingScorecardDto => ({
  roundId,
  roundTitle: title,
  interviewerId: `${roundId}-interviewer`,
  interviewer: { id: `${roundId}-interviewer`, name: `${title} interviewer` },
  shadow: false,
  status: 'not_started',
  ratingDueAt: null,
  writeupDueAt: null,
  late,
});

const summary = (recommendations: ('no' | 'yes' | 'strong_yes')[]): DebriefSummaryDto => ({
  loopId: LOOP_ID,
  includeShadows: false,
  pillars: [],
  tally: tallyOf(recommendations),
  recommendations: recommendations.map((recommendation, index) => ({
    roundId: `r${index}`,
    interviewerId: `i${index}`,
    interviewer: { id: `i${index}`, name: `Interviewer ${index}` },
    shadow: false,
    recommendation,
  })),
  missing: [missing('held', 'Held', true), missing('later', 'Later', false), missing('unset', 'Unset', false)],
  late: [],
  decision: null,
});

const input = (overrides: Partial<DebriefViewInput> = {}): DebriefViewInput => ({
  shell: { userName: 'Manager', nav: [] },
  timeZone: 'Europe/Paris',
  now: NOW,
  loop: loop('in_review'),
  read: { summary: summary(['no', 'strong_yes']), scorecards: [] },
  blindMessage: null,
  viewerId: 'manager',
  decidedByName: null,
  mayDecide: true,
  mayReadPackets: true,
  reminders: { mayRemind: true, last: new Map() },
  state: {},
  ...overrides,
});

describe('the debrief view', () => {
  it('says who has not submitted since when, in the viewer’s zone: ended, still to come, not scheduled', () => {
    const view = buildDebriefView(input());
    expect(view.missing?.map((item) => [item.interviewer, item.since?.label ?? null, item.since?.time.text ?? null, item.late])).toEqual([
      ['Held interviewer', 'Waiting since the round ended', 'Tue 4 Mar 2025, 11:00 CET', true],
      ['Later interviewer', 'The round ends', 'Wed 5 Mar 2025, 11:00 CET', false],
      ['Unset interviewer', null, null, false],
    ]);
  });

  it('calls a no/yes split of the recommendations a disagreement, and agreement none', () => {
    const split = buildDebriefView(input());
    expect(split.tally?.split).toBe('Split: 1 against (no or strong no), 1 in favour (yes or strong yes).');
    expect(split.disagreements).toEqual(['Recommendations split between no and yes: No from Interviewer 0, Strong yes from Interviewer 1.']);
    const agreed = buildDebriefView(input({ read: { summary: summary(['yes', 'strong_yes']), scorecards: [] } }));
    expect(agreed.tally?.split).toBeNull();
    expect(agreed.disagreements).toEqual([]);
  });

  it('offers the form only to who may decide, on an open loop; the packet links carry the redaction', () => {
    expect(buildDebriefView(input()).form?.choices.map((choice) => choice.label)).toEqual(['Hire', 'No hire']);
    expect(buildDebriefView(input({ mayDecide: false })).form).toBeNull();
    expect(buildDebriefView(input({ loop: loop('decided') })).form).toBeNull();
    expect(buildDebriefView(input({ state: { hideNames: true } })).packet?.links.map((link) => link.href)).toEqual([
      `/app/loops/${LOOP_ID}/packet?format=pdf&redact=interviewers`,
      `/app/loops/${LOOP_ID}/packet?format=html&redact=interviewers`,
      `/app/loops/${LOOP_ID}/packet?format=markdown&redact=interviewers`,
    ]);
    expect(buildDebriefView(input({ mayReadPackets: false })).packet).toBeNull();
  });

  it('while the blind rule holds: its sentence and my rounds, no matrix, no packet', () => {
    const view = buildDebriefView(input({ read: null, blindMessage: 'Submit yours first', viewerId: 'held-interviewer' }));
    expect(view.blind).toEqual({ message: 'Submit yours first', rounds: [{ title: 'Held', href: '/app/rounds/held' }] });
    expect([view.matrix, view.tally, view.missing, view.packet]).toEqual([null, null, null, null]);
  });

  it('puts every refusal in the summary above the form, the fields linked', () => {
    const view = buildDebriefView(input({ state: { posted: { decision: '', note: '', force: true }, problems: { decision: 'Choose Hire or No hire', note: 'Say why' } } }));
    expect(view.form?.summary).toEqual({
      text: 'The decision was not recorded:',
      items: [
        { text: 'Choose Hire or No hire', href: '#decision-hire' },
        { text: 'Say why', href: '#note' },
      ],
      hint: null,
    });
    expect(view.form?.force).toBe(true);
  });

  it('offers Remind now for ended rounds only, not while the seat was reminded recently nor to who said they did not attend', () => {
    const reminded = new Date(NOW.getTime() - 90 * 60_000);
    const last = new Map([['held:held-interviewer', { remindedAt: reminded, nextAllowedAt: new Date(reminded.getTime() + 4 * 3_600_000) }]]);
    const view = buildDebriefView(input({ reminders: { mayRemind: true, last } }));
    expect(view.missing?.map((item) => [item.interviewer, item.remind !== null, item.reminded?.ago ?? null, item.reminded?.againFrom?.text ?? null])).toEqual([
      ['Held interviewer', false, '1 hour', 'Tue 4 Mar 2025, 15:30 CET'],
      ['Later interviewer', false, null, null],
      ['Unset interviewer', false, null, null],
    ]);
    const fresh = buildDebriefView(input());
    expect(fresh.missing?.[0]?.remind).toEqual({ action: `/app/loops/${LOOP_ID}/remind#missing-heading`, roundId: 'held', interviewerId: 'held-interviewer' });
    expect(buildDebriefView(input({ reminders: { mayRemind: false, last: new Map() } })).missing?.[0]?.remind).toBeNull();
    expect(buildDebriefView(input({ loop: loop('decided') })).missing?.[0]?.remind).toBeNull();

    const absentLoop = loop('in_review');
    absentLoop.rounds[0]!.notAttended = [{ userId: 'held-interviewer', name: 'Held interviewer', shadow: false, at: NOW }];
    const absent = buildDebriefView(input({ loop: absentLoop })).missing?.[0];
    expect(absent?.remind).toBeNull();
    expect(absent?.notAttended).toBe('Says they did not attend: reassign the round or cancel it on the loop plan.');
  });
});

import type { Actor } from '@loopwright/identity';
import { notificationsSuite, TestClock } from '@loopwright/testing';
import { MyInterviewsPage } from '../libs/web/src/interviews/my-interviews.page.js';

const HOUR = 3_600_000;
const RECORDED = '2026-07-06T12:00:00.000Z';
const at = (hoursAfterRecording: number): string => new Date(Date.parse(RECORDED) + hoursAfterRecording * HOUR).toISOString();

/**
 * A round recorded after the fact (it ended three days before it was entered) is due counted from its recording, as
 * the analytics count its timeliness: not overdue at once on any page, report or reminder, overdue once its hours pass.
 */
describe('scorecards: due times of a round recorded after the fact count from its recording', () => {
  const clock = new TestClock(Date.parse('2026-07-01T00:00:00Z'));
  const suite = notificationsSuite({
    members: { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], i1: ['interviewer'], i2: ['interviewer'] },
    clock,
    apiClock: clock,
  });
  const { api, user, mailTo } = suite;
  let roundId: string;
  let loopId: string;
  let aheadRoundId: string;

  const scanAndSend = async (): Promise<void> => {
    await suite.worker.reminders.scan();
    await suite.worker.sender.drain();
  };
  const actorOf = (key: string): Actor => ({
    userId: user(key).id,
    organizationId: suite.team.organization.id,
    roles: user(key).roles,
    requestId: null,
    tokenId: null,
  });
  const myInterviews = () => suite.testApp.app.get(MyInterviewsPage, { strict: false }).load(actorOf('i1'), 'UTC');
  const overdueOf = async (key: string) =>
    ((await api('recruiter').get('/api/scorecards/overdue').expect(200)).body as { interviewer: { id: string }; ratingOverdue: { roundId: string }[]; writeupOverdue: { roundId: string }[] }[]).find(
      (group) => group.interviewer.id === user(key).id,
    );

  beforeAll(async () => {
    // Scheduled a week ahead for i2, held on 3 July: counted from its end as before.
    aheadRoundId = await suite.heldRound('i2', '2026-07-03T12:00:00.000Z', 'Scheduled ahead');
    clock.set(RECORDED);
    roundId = await suite.heldRound('i1', '2026-07-03T12:00:00.000Z', 'Recorded late');
    loopId = suite.loopOf(roundId);
  });

  it('is not overdue at once: my assignments, my scorecard’s due times, My interviews, the overdue report and the debrief', async () => {
    const assignments = (await api('i1').get('/api/me/assignments').expect(200)).body;
    expect(assignments.items).toEqual([expect.objectContaining({ roundId, upcoming: false, scorecardStatus: 'not_started' })]);

    const interviews = await myInterviews();
    expect(interviews.needsFeedback).toEqual([expect.objectContaining({ roundId, overdue: false, ratingOverdue: null, due: expect.objectContaining({ iso: at(24) }) })]);

    expect(await overdueOf('i1')).toBeUndefined();
    const summary = (await api('hiringManager').get(`/api/loops/${loopId}/summary`).expect(200)).body;
    expect(summary.missing).toEqual([expect.objectContaining({ roundId, late: false, ratingDueAt: at(1), writeupDueAt: at(24) })]);
    expect(summary.late).toEqual([]);

    const card = (await api('i1').get(`/api/rounds/${roundId}/scorecard`).expect(200)).body;
    expect(card).toMatchObject({ ratingDueAt: at(1), writeupDueAt: at(24) });
    // A save keeps them (it recomputes them from the round's times in its own statement).
    const saved = (await api('i1').put(`/api/rounds/${roundId}/scorecard`).send({ version: card.version, summary: 'Started the write-up.' }).expect(200)).body;
    expect(saved).toMatchObject({ ratingDueAt: at(1), writeupDueAt: at(24) });

    // The round scheduled ahead is late as before: counted from its end.
    expect(await overdueOf('i2')).toMatchObject({ ratingOverdue: [expect.objectContaining({ roundId: aheadRoundId })], writeupOverdue: [expect.objectContaining({ roundId: aheadRoundId })] });
  });

  it('is overdue once its hours after the recording have passed', async () => {
    clock.set(at(2));
    expect(await overdueOf('i1')).toMatchObject({ ratingOverdue: [expect.objectContaining({ roundId })], writeupOverdue: [] });
    clock.set(at(25));
    expect(await overdueOf('i1')).toMatchObject({ writeupOverdue: [expect.objectContaining({ roundId })] });
    const interviews = await myInterviews();
    expect(interviews.needsFeedback).toEqual([expect.objectContaining({ roundId, overdue: true })]);
    const summary = (await api('hiringManager').get(`/api/loops/${loopId}/summary`).expect(200)).body;
    expect(summary.late).toEqual([expect.objectContaining({ roundId, late: true })]);
  });

  it('reminds, but sends no "Overdue" mail at once; "Overdue" a day after the due time', async () => {
    clock.set(RECORDED);
    await scanAndSend();
    expect(mailTo('i1')).toHaveLength(1);
    expect(mailTo('i1')[0]!.mail.subject).toBe('Reminder: your scorecard of Hedy Lamarr, Recorded late');
    // The round scheduled ahead was due two days ago and is more than a day late: overdue at once.
    expect(mailTo('i2').at(-1)!.mail.subject).toBe('Overdue: your scorecard of Hedy Lamarr, Scheduled ahead');

    clock.set(at(24));
    await scanAndSend();
    expect(mailTo('i1').map((received) => (received.mail.subject ?? '').split(':')[0])).toEqual(['Reminder', 'Reminder']);
    clock.set(at(48));
    await scanAndSend();
    expect(mailTo('i1').at(-1)!.mail.subject).toBe('Overdue: your scorecard of Hedy Lamarr, Recorded late');
  });
});

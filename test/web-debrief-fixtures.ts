// Data for the debrief page's browser tests: loops whose interviewers submit (or not) through the API.
import { Clock } from '@loopwright/core';
import {
  createCandidateLoop,
  createLoopTemplate,
  patchRound,
  ratingsByKey,
  saveScorecard,
  staffedPosition,
  submitScorecard,
  timeSlot,
  type Caller,
  type TestTeam,
  type WebTestApp,
} from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

export const DEBRIEF_TEAM = {
  admin: ['admin'],
  manager: ['hiring_manager'],
  otherManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  ivy: ['interviewer'],
  omar: ['interviewer'],
  noor: ['interviewer'],
  /** Staff who also interviews: the blind rule applies to her. */
  sam: ['hiring_manager', 'interviewer'],
} as const;

export interface DebriefLoop {
  loopId: string;
  candidateName: string;
  /** Foundations and coding (Ivy), Foundations again (Omar), Coding (Noor or, with `staffInterviews`, Sam). */
  roundIds: [string, string, string];
}

export interface DebriefFixture {
  team: TestTeam;
  pillars: Record<string, string>;
  api(key: keyof typeof DEBRIEF_TEAM): Caller;
  /**
   * A new loop of the manager's position, its rounds held in the past: Ivy submitted (foundations strong yes, coding
   * yes, then amended coding to strong yes), Omar submitted (foundations no: 2 points from Ivy, recommendation no: a
   * split); the third round's interviewer only saved a draft.
   */
  newLoop(options?: { staffInterviews?: boolean }): Promise<DebriefLoop>;
  /** The third round's scorecard, submitted by its interviewer. */
  submitThird(loop: DebriefLoop, key?: keyof typeof DEBRIEF_TEAM): Promise<void>;
}

const unique = (): string => randomUUID().slice(0, 8);
const evidence = (pillarKey: string): string => `Evidence on ${pillarKey}.`;

export async function debriefFixture(web: WebTestApp): Promise<DebriefFixture> {
  const { team, pillars, positionId, api } = await staffedPosition(web, DEBRIEF_TEAM, { qualified: ['ivy', 'omar', 'noor', 'sam'], manager: 'manager' });
  const templateId = (
    await createLoopTemplate(api('admin'), [
      { title: 'Foundations and coding', pillarIds: [pillars.foundations!, pillars.coding!], questionCount: 1 },
      { title: 'Foundations again', pillarIds: [pillars.foundations!], questionCount: 1 },
      { title: 'Coding', pillarIds: [pillars.coding!], questionCount: 1 },
    ])
  ).id;
  const base = Date.UTC(2025, 2, 3);
  let day = 0;
  const fill = (recommendation: string, ratings: Record<string, string>) => ({
    ratings: ratingsByKey(pillars, ratings, evidence),
    recommendation,
    summary: `A summary of the round, long enough to submit.`,
  });
  return {
    team,
    pillars,
    api,
    async newLoop({ staffInterviews = false } = {}) {
      day += 1;
      const candidateName = `Grace Hopper ${unique()}`;
      const loop = await createCandidateLoop(api('recruiter'), { name: candidateName }, { positionId, templateId });
      const third = staffInterviews ? 'sam' : 'noor';
      // Scheduled the day before (by the app's clock): the due times count from the rounds' ends.
      const clock = web.app.get(Clock);
      const realNow = clock.now.bind(clock);
      clock.now = () => new Date(base + (day - 1) * 86_400_000);
      try {
        for (const [index, key] of ['ivy', 'omar', third].entries())
          await patchRound(api('recruiter'), loop, index, { interviewerId: team.users[key]!.id, ...timeSlot(base, day, 9 + 2 * index) }).expect(200);
      } finally {
        clock.now = realNow;
      }
      const roundIds = loop.rounds.map((round) => round.id) as [string, string, string];
      await submitScorecard(api('ivy'), roundIds[0], fill('strong_yes', { foundations: 'strong_yes', coding: 'yes' }));
      await api('ivy')
        .post(`/api/rounds/${roundIds[0]}/scorecard/amendments`)
        .send({ reason: 'Misread my own notes on the tests', ratings: [{ pillarId: pillars.coding, rating: 'strong_yes', notes: evidence('coding') }] })
        .expect(201);
      await submitScorecard(api('omar'), roundIds[1], fill('no', { foundations: 'no' }));
      await saveScorecard(api(third), roundIds[2], { ratings: ratingsByKey(pillars, { coding: 'yes' }, evidence) });
      return { loopId: loop.id, candidateName, roundIds };
    },
    submitThird: (loop, key = 'noor') => submitScorecard(api(key), loop.roundIds[2], fill('yes', { coding: 'yes' })),
  };
}

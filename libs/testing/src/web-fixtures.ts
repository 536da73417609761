import { Clock } from '@loopwright/core';
import { randomUUID } from 'node:crypto';
import { as, pillarIdsByKey, type TestTeam } from './factories.js';
import type { TestApp } from './test-app.js';

export interface RoundFixture {
  loopId: string;
  roundId: string;
  candidateName: string;
  startsAt: string;
  endsAt: string;
}

const DAY = 86_400_000;

/**
 * A loop for `candidateName` with one foundations round of `interviewerKey` at `startsAt` (60 minutes), made through
 * the API as a recruiter would. The interviewer is made qualified for every pillar first. A round in the past is
 * recorded (by the app's clock) a day before it starts, as if scheduled ahead, so that its due times count from its
 * end; `recordedAt` records it then instead (after its end: a round recorded after the fact).
 */
export async function roundFor(
  testApp: TestApp,
  team: TestTeam,
  input: { interviewerKey: string; candidateName: string; startsAt: Date; positionTitle?: string; recordedAt?: Date },
): Promise<RoundFixture> {
  const admin = as(testApp, team.users.admin!);
  const recruiter = as(testApp, team.users.recruiter!);
  const interviewer = team.users[input.interviewerKey]!;
  const pillars = await pillarIdsByKey(admin);
  await admin
    .put(`/api/users/${interviewer.id}/qualifications`)
    .send(Object.values(pillars).map((pillarId) => ({ pillarId, level: 'qualified' })))
    .expect(200);
  const position = await admin
    .post('/api/positions')
    .send({
      title: input.positionTitle ?? 'AI Engineer',
      roleFamily: 'ai_engineer',
      level: 'senior',
      hiringManagerId: team.users.hiringManager?.id ?? team.users.admin!.id,
    })
    .expect(201);
  const candidate = await recruiter
    .post('/api/candidates')
    .send({ name: input.candidateName, email: `candidate.${randomUUID().slice(0, 8)}@example.test` })
    .expect(201);
  const loop = await recruiter.post('/api/loops').send({ candidateId: candidate.body.id, positionId: position.body.id }).expect(201);
  const startsAt = input.startsAt.toISOString();
  const endsAt = new Date(input.startsAt.getTime() + 3_600_000).toISOString();
  const clock = testApp.app.get(Clock);
  const realNow = clock.now.bind(clock);
  const recordedAt = input.recordedAt ?? (input.startsAt.getTime() < realNow().getTime() ? new Date(input.startsAt.getTime() - DAY) : null);
  if (recordedAt) clock.now = () => recordedAt;
  let withRound;
  try {
    withRound = await recruiter
      .post(`/api/loops/${loop.body.id}/rounds`)
      .send({ title: 'Foundations', pillarIds: [pillars.foundations], questionCount: 1, interviewerId: interviewer.id, startsAt, endsAt })
      .expect(201);
  } finally {
    clock.now = realNow;
  }
  const rounds = (withRound.body as { rounds: { id: string }[] }).rounds;
  return { loopId: loop.body.id, roundId: rounds[rounds.length - 1]!.id, candidateName: input.candidateName, startsAt, endsAt };
}

/** Fills and submits the interviewer's scorecard of the round through the API. */
export async function submitCompleteScorecard(testApp: TestApp, team: TestTeam, interviewerKey: string, roundId: string): Promise<void> {
  const api = as(testApp, team.users[interviewerKey]!);
  const card = await api.get(`/api/rounds/${roundId}/scorecard`).expect(200);
  const pillars = await pillarIdsByKey(api);
  const saved = await api
    .put(`/api/rounds/${roundId}/scorecard`)
    .send({
      version: card.body.version,
      ratings: [{ pillarId: pillars.foundations, rating: 'yes', notes: 'Explained the trade-offs with numbers.' }],
      recommendation: 'yes',
      summary: 'A thoughtful candidate with strong fundamentals.',
    })
    .expect(200);
  await api.post(`/api/rounds/${roundId}/scorecard/submit`).send({ version: saved.body.version }).expect(200);
}

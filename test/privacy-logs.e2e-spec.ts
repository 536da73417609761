import { as, createTeam, createLoggedTestApp, roundFor, sessionCookie, submitCompleteScorecard, TEST_PASSWORD, type LoggedTestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

describe('privacy: no personal data in any log line of a full flow (trace level)', () => {
  let testApp: LoggedTestApp;
  let team: TestTeam;
  const mark = randomUUID().slice(0, 8);
  const seeded = { name: `Wilhelmina Quarrington ${mark}`, email: `wilhelmina.${mark}@private.example`, phone: `+31 6 5${mark.replace(/\D/g, '7').slice(0, 7)}` };

  beforeAll(async () => {
    testApp = await createLoggedTestApp('trace');
    team = await createTeam(testApp);
  }, 120_000);

  afterAll(async () => {
    await testApp.close();
  });

  it('logs routes, ids and codes, never a seeded name, email, phone or token', async () => {
    const recruiter = as(testApp, team.users.recruiter!);
    const admin = as(testApp, team.users.admin!);
    const fixture = await roundFor(testApp, team, { interviewerKey: 'interviewer', candidateName: seeded.name, startsAt: new Date(Date.now() - 3 * 3_600_000) });
    await submitCompleteScorecard(testApp, team, 'interviewer', fixture.roundId);
    const { candidateId } = (await recruiter.get(`/api/loops/${fixture.loopId}`).expect(200)).body;
    await recruiter.patch(`/api/candidates/${candidateId}`).send({ email: seeded.email, phone: seeded.phone, notes: `Call ${seeded.name} at ${seeded.phone}` }).expect(200);
    // Taken email: a 409 whose message names it (to the caller, not the log).
    await recruiter.post('/api/candidates').send({ name: seeded.name, email: seeded.email }).expect(409);
    await recruiter.get(`/api/candidates?q=${encodeURIComponent(seeded.name)}`).expect(200);
    await recruiter.get(`/api/questions?q=${encodeURIComponent(seeded.name)}`).expect(200);
    await recruiter.get(`/api/candidates/${candidateId}`).expect(200);
    await recruiter.get(`/api/loops/${fixture.loopId}/packet?format=markdown`).expect(200);
    await recruiter.get(`/api/loops/${fixture.loopId}/summary`).expect(200);
    await recruiter.get(`/api/loops/${fixture.loopId}/scorecards?format=csv`).expect(200);
    await recruiter.get(`/api/candidates/${encodeURIComponent(seeded.email)}`).expect(400);
    await recruiter.get(`/api/no-such-route/${encodeURIComponent(seeded.name)}?email=${encodeURIComponent(seeded.email)}`).expect(404);
    await admin.get(`/api/users?q=${encodeURIComponent(team.users.interviewer!.email)}`).expect(200);
    await admin.patch(`/api/users/${team.users.interviewer2!.id}`).send({ name: `Renamed ${mark}` }).expect(200);
    await admin.get(`/api/audit-events?entityId=${candidateId}`).expect(200);
    await admin.get(`/api/access-events?candidateId=${candidateId}`).expect(200);
    await testApp.http().post('/api/auth/login').send({ email: seeded.email, password: 'not-the-password' }).expect(401);

    const cookie = await sessionCookie(testApp, team.users.recruiter!);
    const page = (url: string) => testApp.http().get(url).set('cookie', cookie);
    await page(`/app/candidates?q=${encodeURIComponent(seeded.name)}`).expect(200);
    await page(`/app/candidates/${candidateId}`).expect(200);
    await page(`/app/loops/${fixture.loopId}/debrief`).expect(200);
    await page(`/app/questions?q=${encodeURIComponent(seeded.email)}`).expect(200);

    const logged = testApp.lines.join('\n');
    expect(testApp.lines.length).toBeGreaterThan(20);
    const secrets = [
      seeded.name,
      mark,
      seeded.email,
      seeded.phone,
      ...Object.values(team.users).flatMap((user) => [user.email, user.name, user.token]),
      cookie.split('=')[1]!,
      TEST_PASSWORD,
    ];
    expect(testApp.lines.filter((line) => secrets.some((secret) => line.includes(secret)))).toEqual([]);
    expect(secrets.filter((secret) => logged.includes(secret))).toEqual([]);
    // What is logged instead: route templates with redacted queries.
    const routes = testApp.lines.flatMap((line) => {
      const entry = JSON.parse(line) as { req?: { url: string } };
      return entry.req ? [entry.req.url] : [];
    });
    expect(routes).toEqual(
      expect.arrayContaining(['/api/candidates?q=[redacted]', '/api/candidates/:id', '/app/candidates/:id', '(no route)?email=[redacted]', '/api/loops/:id/packet?format=markdown']),
    );
  });
});

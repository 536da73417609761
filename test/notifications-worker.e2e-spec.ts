import { AppLogger } from '@loopwright/core';
import {
  as,
  createCandidate,
  createPosition,
  createTeam,
  createTestApp,
  pillarIdsByKey,
  qualify,
  SmtpSink,
  type TestApp,
  type TestTeam,
} from '@loopwright/testing';
import { Test, type TestingModule } from '@nestjs/testing';
import ICAL from 'ical.js';

/** Sweeps an hour apart: only the pg-boss wake-ups (after the API's commit, then after the invite's) move the mail. */
const ENVIRONMENT = { EVENTS_SWEEP_SECONDS: '3600', MAIL_SWEEP_SECONDS: '3600', PUBLIC_URL: 'https://hire.example.test' };

describe('notifications: the worker process sends the invite of a round scheduled through the API', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let sink: SmtpSink;
  let worker: TestingModule | null = null;

  beforeAll(async () => {
    sink = await SmtpSink.start();
    testApp = await createTestApp({ ...ENVIRONMENT, SMTP_URL: sink.url });
    team = await createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'], interviewer: ['interviewer'] });
    // Imported here: its module definition registers a second DataSource, which Nest warns about before the test app's logger is in place.
    const { WorkerModule } = await import('../apps/worker/src/worker.module.js');
    const compiled = await Test.createTestingModule({ imports: [WorkerModule] }).compile();
    compiled.useLogger(compiled.get(AppLogger));
    await compiled.init();
    worker = compiled;
  });

  afterAll(async () => {
    await worker?.close();
    await testApp?.close();
    await sink?.close();
    for (const key of [...Object.keys(ENVIRONMENT), 'SMTP_URL']) delete process.env[key];
  });

  it('mails the interviewer a METHOD:REQUEST invite, woken through the job queue (no sweep, no clock)', async () => {
    const admin = as(testApp, team.users.admin!);
    const recruiter = as(testApp, team.users.recruiter!);
    const interviewer = team.users.interviewer!;
    const pillars = await pillarIdsByKey(admin);
    await qualify(admin, pillars, [interviewer.id]);
    const positionId = await createPosition(admin, { title: 'Data Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: team.users.hiringManager!.id });
    const candidateId = await createCandidate(recruiter, { name: 'Grace Hopper' });
    const loopId = (await recruiter.post('/api/loops').send({ candidateId, positionId }).expect(201)).body.id as string;
    const arrived = sink.next(1, (received) => received.to.includes(interviewer.email));
    const loop = (
      await recruiter
        .post(`/api/loops/${loopId}/rounds`)
        .send({ title: 'Coding', pillarIds: [pillars.coding], interviewerId: interviewer.id, startsAt: '2026-06-01T09:00:00.000Z' })
        .expect(201)
    ).body;
    const roundId = (loop.rounds as { id: string }[])[0]!.id;
    const [received] = await arrived;
    const calendar = new ICAL.Component(ICAL.parse(received!.calendar!));
    const event = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
    expect(calendar.getFirstPropertyValue('method')).toBe('REQUEST');
    expect(event.uid).toBe(`round-${roundId}-${interviewer.id}@localhost`);
    expect(event.startDate.toJSDate().toISOString()).toBe('2026-06-01T09:00:00.000Z');
    expect(received!.mail.text).toContain(`https://hire.example.test/app/rounds/${roundId}`);
    // The send is recorded after the server's answer: a worker that stops finishes its pass first.
    await worker!.close();
    worker = null;
    const rows = await testApp.dataSource.query<{ status: string; attempts: number }[]>(
      `SELECT status, attempts FROM mail_outbox WHERE idempotency_key = $1`,
      [`invite:${roundId}:${interviewer.id}:0`],
    );
    expect(rows).toEqual([{ status: 'sent', attempts: 1 }]);
  }, 60_000);
});

/// <reference types="jest" />
import { Clock } from '@loopwright/core';
import type { Role } from '@loopwright/identity';
import { as, createTeam, pillarIdsByKey, type Caller, type TestTeam, type TestUser } from './factories.js';
import { createCandidate, createPosition, qualify, type CandidateInput } from './loop-setup.js';
import { createNotificationsWorker, type NotificationsWorker } from './notifications-worker.js';
import { SmtpSink, type ReceivedMail, type SinkAnswer } from './smtp-sink.js';
import { memberOf } from './test-suite.js';
import { createTestApp, type TestApp } from './test-app.js';

const HOUR = 3_600_000;

export const NOTIFICATIONS_PUBLIC_URL = 'https://hire.example.test';

export interface NotificationsSuiteOptions {
  /** The team; its interviewers not named in `shadows` are qualified on every pillar. */
  members: Record<string, Role[]>;
  /** Interviewers qualified to shadow only. */
  shadows?: string[];
  /** Environment of the app and the worker; PUBLIC_URL and MAIL_FROM are set unless given. */
  environment?: Record<string, string>;
  /** The worker's clock; the system clock unless given. */
  clock?: Clock;
  /** The API's clock; the system clock unless given. */
  apiClock?: Clock;
  /** What the SMTP sink answers to its `index`-th message (see `SmtpSink.start`). */
  answer?: (index: number) => SinkAnswer;
  /** Time zones of members by key. */
  timezones?: Record<string, string>;
  /** False: no SMTP sink and no worker (a test of the API alone). */
  mail?: boolean;
}

/** The round of `addRound`: the interviewer (and shadows) by member key; the rest of the body as the API takes it. */
export interface SuiteRoundInput extends Record<string, unknown> {
  title: string;
  interviewer?: string;
  shadows?: string[];
}

export interface NotificationsSuite {
  testApp: TestApp;
  team: TestTeam;
  sink: SmtpSink;
  worker: NotificationsWorker;
  positionId: string;
  /** The coding pillar's id. */
  pillarId: string;
  environment: Record<string, string>;
  /** Requests as the team's member `key`. */
  api(key: string): Caller;
  user(key: string): TestUser;
  /** Whether a message went to the member `key`. */
  to(key: string): (received: ReceivedMail) => boolean;
  /** What the sink received for the member `key`. */
  mailTo(key: string): ReceivedMail[];
  /** A round in a loop of its own (a person interviews once per loop); its loop's id and its own. */
  addRound(round: SuiteRoundInput, candidate?: CandidateInput): Promise<{ loopId: string; roundId: string }>;
  /** A round of an hour with the interviewer `key`, in a loop of its own, held (and ended) at `endsAt`; its id. */
  heldRound(interviewer: string, endsAt: string, title?: string, candidate?: CandidateInput): Promise<string>;
  /** The loop of a round `addRound` or `heldRound` made. */
  loopOf(roundId: string): string;
  /** The idempotency keys in the mail outbox that start with `prefix`, in order. */
  outboxKeys(prefix: string): Promise<string[]>;
}

/**
 * A notifications test file's set-up, made in a `beforeAll` and closed in an `afterAll`: an SMTP sink, the app, a
 * team with qualified interviewers, an "ML Engineer" position, and the worker's notification part on the sink. Read
 * the fields inside hooks and tests, not at the top of the file.
 */
export function notificationsSuite(options: NotificationsSuiteOptions): NotificationsSuite {
  const environment = {
    PUBLIC_URL: NOTIFICATIONS_PUBLIC_URL,
    MAIL_FROM: 'Loopwright Hiring <hiring@loopwright.test>',
    ...options.environment,
  };
  const loops = new Map<string, string>();
  const helpers: Omit<NotificationsSuite, 'testApp' | 'team' | 'sink' | 'worker' | 'positionId' | 'pillarId'> = {
    environment,
    api: (key: string) => as(suite.testApp, memberOf(suite.team, key)),
    user: (key: string) => memberOf(suite.team, key),
    to: (key: string) => (received: ReceivedMail) => received.to.includes(suite.user(key).email),
    mailTo: (key: string) => suite.sink.received.filter(suite.to(key)),
    loopOf: (roundId: string) => loops.get(roundId)!,
    addRound: async ({ interviewer, shadows, ...round }: SuiteRoundInput, candidate: CandidateInput = { name: 'Hedy Lamarr' }) => {
      const recruiter = suite.api('recruiter');
      const candidateId = await createCandidate(recruiter, candidate);
      const loopId: string = (await recruiter.post('/api/loops').send({ candidateId, positionId: suite.positionId }).expect(201)).body.id;
      const body = {
        pillarIds: [suite.pillarId],
        ...(interviewer ? { interviewerId: suite.user(interviewer).id } : {}),
        ...(shadows ? { shadowInterviewerIds: shadows.map((key) => suite.user(key).id) } : {}),
        ...round,
      };
      const loop = (await recruiter.post(`/api/loops/${loopId}/rounds`).send(body).expect(201)).body;
      const roundId = (loop.rounds as { id: string; title: string }[]).find((added) => added.title === round.title)!.id;
      loops.set(roundId, loopId);
      return { loopId, roundId };
    },
    heldRound: async (interviewer: string, endsAt: string, title = 'Coding', candidate?: CandidateInput) => {
      const startsAt = new Date(Date.parse(endsAt) - HOUR).toISOString();
      return (await suite.addRound({ title, interviewer, startsAt, endsAt }, candidate)).roundId;
    },
    outboxKeys: async (prefix: string) =>
      (
        await suite.testApp.dataSource.query<{ idempotency_key: string }[]>(
          'SELECT idempotency_key FROM mail_outbox WHERE idempotency_key LIKE $1 ORDER BY idempotency_key',
          [`${prefix}%`],
        )
      ).map((row) => row.idempotency_key),
  };
  const suite = helpers as NotificationsSuite;

  beforeAll(async () => {
    const mail = options.mail ?? true;
    if (mail) suite.sink = await SmtpSink.start(options.answer);
    const apiClock = options.apiClock;
    suite.testApp = await createTestApp(environment, apiClock ? (builder) => builder.overrideProvider(Clock).useValue(apiClock) : undefined);
    suite.team = await createTeam(suite.testApp, options.members);
    const admin = suite.api('admin');
    const pillars = await pillarIdsByKey(admin);
    suite.pillarId = pillars.coding!;
    const shadows = options.shadows ?? [];
    const interviewers = Object.keys(options.members).filter((key) => options.members[key]!.includes('interviewer') && !shadows.includes(key));
    await qualify(admin, pillars, interviewers.map((key) => suite.user(key).id));
    if (shadows.length > 0) await qualify(admin, pillars, shadows.map((key) => suite.user(key).id), 'shadow');
    suite.positionId = await createPosition(admin, { title: 'ML Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: suite.user('hiringManager').id });
    for (const [key, timezone] of Object.entries(options.timezones ?? {})) {
      await suite.testApp.dataSource.query(`UPDATE users SET timezone = $1 WHERE id = $2`, [timezone, suite.user(key).id]);
    }
    if (mail) suite.worker = await createNotificationsWorker({ ...environment, SMTP_URL: suite.sink.url }, options.clock);
  }, 120_000);

  afterAll(async () => {
    await suite.worker?.close();
    await suite.testApp?.close();
    await suite.sink?.close();
    for (const key of Object.keys(environment)) delete process.env[key];
  });

  return suite;
}

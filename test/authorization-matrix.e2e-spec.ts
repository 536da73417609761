import type { Role } from '@loopwright/identity';
import { as, createCandidate, createCandidateLoop, createFoundationsCodingTemplate, createLoop, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, qualify, TEST_PASSWORD, type TestApp, type TestTeam, type TestUser, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { buildOpenApiDocument } from '../apps/api/src/configure-app.js';

/**
 * The authorization matrix: every route of the OpenAPI document × every kind of caller → the status it answers.
 * A route added without a row here fails the first test; a row whose answer changes fails the second.
 * Rows run in table order, one request at a time; destructive rows act on throwaway objects made per call, and the
 * scorecard submit/amend rows come after every row whose answer depends on nothing being submitted yet.
 */

/** The callers, in the column order of the table below. */
const ACTORS = [
  'anonymous',
  'admin',
  'hiringManager', // the hiring manager of the position
  'otherManager', // a hiring manager of the same organization, not this position's
  'recruiter',
  'interviewer', // assigned to a round of the loop
  'otherInterviewer', // same organization, not on the loop
  'shadow', // shadows the interviewer's round of the loop
  'foreignAdmin', // an admin of another organization
] as const;
type ActorKey = (typeof ACTORS)[number];

/**
 * A status, or a status with the error code the body must carry (`'403 SUBMIT_YOURS_FIRST'`). A bare 401, 403 or 404
 * must carry the contract's code for it (UNAUTHORIZED, FORBIDDEN, NOT_FOUND).
 */
type Expected = number | `${number} ${string}`;
type Column = [Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected, Expected];

interface Call {
  /** Path parameters by name, for the `{name}` placeholders of the route. */
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  /** Another token of the same caller (logout revokes the one it came with). */
  token?: string;
}

interface Row {
  route: string;
  /** A second row of a route says when it runs (`after submitting`); the route itself is covered by its first row. */
  phase?: string;
  call: (actor: ActorKey) => Call | Promise<Call>;
  expect: Column;
}

const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  otherManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  otherInterviewer: ['interviewer'],
  shadow: ['interviewer'],
  spare: ['interviewer'],
};

const rubric = { strong_no: 'Cannot explain it.', no: 'Vague.', yes: 'With an example.', strong_yes: 'With the trade-offs.' };
const DEFAULT_CODES: Record<string, string> = { '401': 'UNAUTHORIZED', '403': 'FORBIDDEN', '404': 'NOT_FOUND' };
const unique = (): string => randomUUID().slice(0, 8);

describe('authorization matrix', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let foreign: TestTeam;
  let pillars: Record<string, string>;
  let customPillarId: string;
  let questionId: string;
  let positionId: string;
  let candidateId: string;
  let conflictCandidateId: string;
  let templateId: string;
  let loopId: string;
  let scratchLoopId: string;
  let roundId: string;
  let secondRoundId: string;
  let packetTemplateId: string;
  let exportId: string;

  const userOf = (actor: ActorKey): TestUser | undefined =>
    actor === 'anonymous' ? undefined : actor === 'foreignAdmin' ? foreign.users.admin : team.users[actor];
  const api = (key: string) => as(testApp, team.users[key]!);
  const questionBody = (pillarId: string) => ({
    pillarId,
    title: `Matrix question ${unique()}`,
    prompt: 'Explain dropout.',
    rubric,
    difficulty: 2,
    roles: ['ml_engineer'],
  });
  const newCandidate = (): Promise<string> => createCandidate(api('admin'), { name: 'Throwaway Candidate' });
  const webhookBody = { url: 'https://hooks.example.test/matrix', events: ['loop.decided'] };
  const newWebhookEndpoint = async (): Promise<string> => (await api('admin').post('/api/webhook-endpoints').send(webhookBody).expect(201)).body.id;
  const newLoop = async (): Promise<string> => (await createCandidateLoop(api('admin'), { name: 'Throwaway Candidate' }, { positionId })).id;
  const myScorecardVersion = async (actor: ActorKey): Promise<number> => {
    const user = userOf(actor);
    if (!user) return 1;
    const response = await as(testApp, user).get(`/api/rounds/${roundId}/scorecard`);
    return response.status === 200 ? (response.body.version as number) : 1;
  };

  beforeAll(async () => {
    testApp = await createTestApp({ ALLOW_SIGNUP: 'true' });
    [team, foreign] = await Promise.all([
      createTeam(testApp, ROLES),
      createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'] }),
    ]);
    pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [team.users.interviewer!.id, team.users.otherInterviewer!.id]);
    await qualify(api('admin'), pillars, [team.users.shadow!.id], 'shadow');
    customPillarId = (
      await api('admin')
        .post('/api/pillars')
        .send({ key: `matrix-${unique()}`, name: 'Matrix' })
        .expect(201)
    ).body.id;
    questionId = (await api('admin').post('/api/questions').send(questionBody(pillars.foundations!)).expect(201)).body.id;
    positionId = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: team.users.hiringManager!.id });
    candidateId = await newCandidate();
    conflictCandidateId = await newCandidate();
    templateId = (await createFoundationsCodingTemplate(api('admin'), pillars)).id;
    const loop = await createLoop(api('recruiter'), { candidateId, positionId, templateId });
    loopId = loop.id;
    roundId = loop.rounds[0]!.id;
    secondRoundId = loop.rounds[1]!.id;
    // Held in the past, so that its scorecards may be submitted.
    const held = timeSlot(Date.UTC(2025, 2, 3), 0, 9);
    await patchRound(api('recruiter'), loop, 0, { interviewerId: team.users.interviewer!.id, shadowInterviewerIds: [team.users.shadow!.id], ...held }).expect(200);
    scratchLoopId = await newLoop();
    packetTemplateId = (
      await api('admin')
        .post('/api/packet-templates')
        .send({ name: 'Matrix packet', format: 'html', source: '<h1>{{candidate.name}}</h1>' })
        .expect(201)
    ).body.id;
    exportId = (
      await api('recruiter')
        .post('/api/exports')
        .send({ loopIds: [loopId], format: 'html' })
        .expect(202)
    ).body.id;
  }, 60_000);

  afterAll(async () => {
    await testApp?.close();
  });

  // prettier-ignore
  const ROWS: Row[] = [
    // columns:                                                       anon admin  HM   oHM  recr  int  oInt shadow foreign
    { route: 'GET /health', call: () => ({}), expect:                  [200, 200, 200, 200, 200, 200, 200, 200, 200] },

    // ---- identity
    { route: 'POST /api/auth/signup', expect:                          [201, 201, 201, 201, 201, 201, 201, 201, 201],
      call: () => ({ body: { orgName: `Org ${unique()}`, name: 'Founder', email: `f.${unique()}@example.test`, password: 'long-enough-password' } }) },
    { route: 'POST /api/auth/login', expect:                           [200, 200, 200, 200, 200, 200, 200, 200, 200],
      call: () => ({ body: { email: team.users.spare!.email, password: TEST_PASSWORD } }) },
    { route: 'POST /api/auth/tokens', expect:                          [401, 201, 201, 201, 201, 201, 201, 201, 201],
      call: () => ({ body: { name: `Script ${unique()}`, expiresInDays: 30 } }) },
    { route: 'GET /api/auth/tokens', call: () => ({}), expect:         [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    { route: 'GET /api/me', call: () => ({}), expect:                  [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    { route: 'PATCH /api/me', call: () => ({ body: { timezone: 'UTC' } }), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    { route: 'POST /api/users', expect:                                [401, 201, 403, 403, 403, 403, 403, 403, 201],
      call: () => ({ body: { email: `u.${unique()}@example.test`, name: 'New User', roles: ['interviewer'] } }) },
    { route: 'GET /api/users', call: () => ({}), expect:               [401, 200, 200, 200, 200, 403, 403, 403, 200] },
    { route: 'GET /api/users/{id}', expect:                            [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: team.users.spare!.id } }) },
    { route: 'PATCH /api/users/{id}', expect:                          [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: team.users.spare!.id }, body: { name: 'Spare Tester' } }) },
    { route: 'PUT /api/users/{id}/qualifications', expect:             [401, 200, 200, 200, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: team.users.spare!.id }, body: [{ pillarId: pillars.foundations, level: 'qualified' }] }) },
    { route: 'GET /api/audit-events', call: () => ({}), expect:        [401, 200, 403, 403, 403, 403, 403, 403, 200] },
    { route: 'GET /api/access-events', call: () => ({}), expect:       [401, 200, 403, 403, 403, 403, 403, 403, 200] },

    // ---- question bank
    { route: 'GET /api/pillars', call: () => ({}), expect:             [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    { route: 'POST /api/pillars', expect:                              [401, 201, 403, 403, 403, 403, 403, 403, 201],
      call: () => ({ body: { key: `p-${unique()}`, name: 'Custom pillar' } }) },
    { route: 'PATCH /api/pillars/{id}', expect:                        [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: customPillarId }, body: { description: 'Edited by the matrix' } }) },
    { route: 'GET /api/questions', call: () => ({}), expect:           [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    // The foreign admin names this organization's pillar in the body: refused like any unknown pillar.
    { route: 'POST /api/questions', expect:                            [401, 201, 201, 201, 403, 403, 403, 403, 400],
      call: () => ({ body: questionBody(pillars.foundations!) }) },
    { route: 'GET /api/questions/export', call: () => ({}), expect:    [401, 200, 200, 200, 403, 403, 403, 403, 200] },
    { route: 'POST /api/questions/import', expect:                     [401, 201, 201, 201, 403, 403, 403, 403, 201],
      call: () => ({ body: [{ pillar: 'coding', title: `Imported ${unique()}`, prompt: 'Deduplicate a stream.', rubric, difficulty: 3 }] }) },
    { route: 'GET /api/questions/{id}', expect:                        [401, 200, 200, 200, 200, 200, 200, 200, 404],
      call: () => ({ params: { id: questionId } }) },
    { route: 'PATCH /api/questions/{id}', expect:                      [401, 200, 200, 200, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: questionId }, body: { tags: ['regularization'] } }) },
    { route: 'GET /api/questions/{id}/versions', expect:               [401, 200, 200, 200, 200, 200, 200, 200, 404],
      call: () => ({ params: { id: questionId } }) },

    // ---- positions, candidates, templates, loops, rounds, kits
    { route: 'POST /api/positions', expect:                            [401, 201, 201, 201, 403, 403, 403, 403, 201],
      call: (actor) => ({ body: { title: 'Data Scientist', roleFamily: 'other', level: 'mid', ...hiringManagerFor(actor) } }) },
    { route: 'GET /api/positions', call: () => ({}), expect:           [401, 200, 200, 200, 200, 403, 403, 403, 200] },
    { route: 'GET /api/positions/{id}', expect:                        [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: positionId } }) },
    { route: 'PATCH /api/positions/{id}', expect:                      [401, 200, 200, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: positionId }, body: { title: 'ML Engineer' } }) },
    { route: 'POST /api/candidates', expect:                           [401, 201, 201, 201, 201, 403, 403, 403, 201],
      call: () => ({ body: { name: 'New Candidate', email: `c.${unique()}@example.test` } }) },
    { route: 'GET /api/candidates', call: () => ({}), expect:          [401, 200, 200, 200, 200, 403, 403, 403, 200] },
    { route: 'GET /api/candidates/{id}', expect:                       [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: candidateId } }) },
    { route: 'PATCH /api/candidates/{id}', expect:                     [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: candidateId }, body: { notes: 'Edited by the matrix' } }) },
    // Everyone declares their own conflict (admins and recruiters may declare anyone's).
    { route: 'POST /api/candidates/{id}/conflicts', expect:            [401, 201, 201, 201, 201, 201, 201, 201, 404],
      call: (actor) => ({ params: { id: conflictCandidateId }, body: { userId: userOf(actor)?.id ?? randomUUID(), reason: 'Former colleague' } }) },
    { route: 'GET /api/candidates/{id}/conflicts', expect:             [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: conflictCandidateId } }) },
    // Privacy: admins and recruiters erase (each caller its own candidate), hold, read the records and the data export.
    { route: 'PATCH /api/candidates/{id}', phase: 'legal hold', expect: [401, 200, 403, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: candidateId }, body: { legalHold: false } }) },
    { route: 'POST /api/candidates/{id}/erasure', expect:             [401, 201, 403, 403, 201, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newCandidate() }, body: { mode: 'delete', reason: 'Matrix erasure' } }) },
    { route: 'GET /api/candidates/{id}/erasures', expect:             [401, 200, 403, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: candidateId } }) },
    { route: 'GET /api/candidates/{id}/data-export', expect:          [401, 200, 403, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: candidateId } }) },
    { route: 'GET /api/organization/privacy', call: () => ({}), expect: [401, 200, 403, 403, 200, 403, 403, 403, 200] },
    { route: 'PATCH /api/organization/privacy', expect:               [401, 200, 403, 403, 403, 403, 403, 403, 200],
      call: () => ({ body: { candidateRetentionDays: null } }) },
    { route: 'POST /api/loop-templates', expect:                       [401, 201, 201, 201, 403, 403, 403, 403, 400],
      call: () => ({ body: templateBody() }) },
    { route: 'GET /api/loop-templates', call: () => ({}), expect:      [401, 200, 200, 200, 403, 403, 403, 403, 200] },
    { route: 'GET /api/loop-templates/{id}', expect:                   [401, 200, 200, 200, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: templateId } }) },
    { route: 'PUT /api/loop-templates/{id}', expect:                   [401, 200, 200, 200, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: templateId }, body: templateBody() }) },
    // Names this organization's candidate and position in the body: the foreign admin's answer is a 400 like for unknown ids.
    { route: 'POST /api/loops', expect:                                [401, 201, 201, 403, 201, 403, 403, 403, 400],
      call: async () => ({ body: { candidateId: await newCandidate(), positionId } }) },
    { route: 'GET /api/loops', call: () => ({}), expect:               [401, 200, 200, 200, 200, 403, 403, 403, 200] },
    { route: 'GET /api/loops/{id}', expect:                            [401, 200, 200, 200, 200, 200, 404, 200, 404],
      call: () => ({ params: { id: loopId } }) },
    { route: 'POST /api/loops/{id}/rounds', expect:                    [401, 201, 201, 403, 201, 403, 403, 403, 404],
      call: () => ({ params: { id: scratchLoopId }, body: { title: 'Extra round', pillarIds: [pillars.behavioral] } }) },
    { route: 'PATCH /api/loops/{id}/rounds/{roundId}', expect:         [401, 200, 200, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: loopId, roundId: secondRoundId }, body: { title: 'Coding' } }) },
    { route: 'GET /api/loops/{id}/rounds/{roundId}/interviewer-suggestions', expect: [401, 200, 200, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: loopId, roundId } }) },
    { route: 'GET /api/me/assignments', call: () => ({}), expect:      [401, 403, 403, 403, 403, 200, 200, 200, 403] },
    { route: 'GET /api/rounds/{roundId}/kit', expect:                  [401, 200, 200, 200, 200, 200, 404, 200, 404],
      call: () => ({ params: { roundId } }) },
    { route: 'GET /api/rounds/{roundId}/invite.ics', expect:           [401, 200, 200, 200, 200, 200, 404, 200, 404],
      call: () => ({ params: { roundId } }) },
    { route: 'POST /api/me/calendar-token', call: () => ({}), expect:  [401, 201, 201, 201, 201, 201, 201, 201, 201] },
    { route: 'GET /api/me/notification-preferences', call: () => ({}), expect: [401, 200, 200, 200, 200, 200, 200, 200, 200] },
    { route: 'PUT /api/me/notification-preferences', expect:          [401, 200, 200, 200, 200, 200, 200, 200, 200],
      call: () => ({ body: { preferences: [{ kind: 'reminder-digest', enabled: true }] } }) },
    { route: 'GET /api/organization/notifications', call: () => ({}), expect: [401, 200, 403, 403, 403, 403, 403, 403, 200] },
    { route: 'PUT /api/organization/notifications', expect:           [401, 200, 403, 403, 403, 403, 403, 403, 200],
      call: () => ({ body: { slackWebhookUrl: null } }) },
    // Webhooks: admins only, each call on an endpoint (or a test delivery) of its own.
    { route: 'POST /api/webhook-endpoints', expect:                   [401, 201, 403, 403, 403, 403, 403, 403, 201],
      call: () => ({ body: webhookBody }) },
    { route: 'GET /api/webhook-endpoints', call: () => ({}), expect:  [401, 200, 403, 403, 403, 403, 403, 403, 200] },
    { route: 'GET /api/webhook-endpoints/{id}', expect:               [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() } }) },
    { route: 'PATCH /api/webhook-endpoints/{id}', expect:             [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() }, body: { events: ['round.scheduled'] } }) },
    { route: 'DELETE /api/webhook-endpoints/{id}', expect:            [401, 204, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() } }) },
    { route: 'POST /api/webhook-endpoints/{id}/rotate-secret', expect: [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() } }) },
    { route: 'POST /api/webhook-endpoints/{id}/test', expect:         [401, 202, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() } }) },
    { route: 'GET /api/webhook-endpoints/{id}/deliveries', expect:    [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newWebhookEndpoint() } }) },
    { route: 'POST /api/webhook-deliveries/{id}/redeliver', expect:   [401, 202, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: (await api('admin').post(`/api/webhook-endpoints/${await newWebhookEndpoint()}/test`).expect(202)).body.id } }) },
    // Single sign-on: admins only.
    { route: 'GET /api/organization/sso', call: () => ({}), expect:    [401, 404, 403, 403, 403, 403, 403, 403, 404] },
    { route: 'PUT /api/organization/sso', expect:                      [401, 200, 403, 403, 403, 403, 403, 403, 200],
      call: () => ({ body: { issuer: 'https://idp.example.test', clientId: 'matrix', clientSecret: 'matrix-secret', allowedDomains: [`m${randomUUID().slice(0, 8)}.test`], required: false } }) },
    { route: 'POST /api/users/{id}/sso-link', expect:                  [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: team.users.interviewer!.id } }) },

    // ---- scorecards before anything is submitted
    { route: 'GET /api/rounds/{roundId}/scorecard', expect:            [401, 403, 403, 403, 403, 200, 404, 200, 404],
      call: () => ({ params: { roundId } }) },
    { route: 'PUT /api/rounds/{roundId}/scorecard', expect:            [401, 403, 403, 403, 403, 200, 404, 200, 404],
      call: async (actor) => ({ params: { roundId }, body: { version: await myScorecardVersion(actor), summary: 'Draft notes' } }) },
    { route: 'GET /api/loops/{id}/scorecards', expect:                 [401, 200, 200, 200, 200, '403 SUBMIT_YOURS_FIRST', 404, '403 SUBMIT_YOURS_FIRST', 404],
      call: () => ({ params: { id: loopId } }) },
    { route: 'GET /api/positions/{id}/scorecards', expect:             [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: positionId } }) },
    { route: 'GET /api/loops/{id}/summary', expect:                    [401, 200, 200, 200, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: loopId } }) },
    // Each call starts the seat's Remind now window afresh (the limit itself is notifications-attendance's test).
    { route: 'POST /api/rounds/{roundId}/remind', expect:              [401, 202, 202, 403, 202, 403, 403, 403, 404],
      call: async () => {
        await testApp.dataSource.query('DELETE FROM manual_reminders WHERE round_id = $1', [roundId]);
        return { params: { roundId }, body: {} };
      } },
    // After Remind now (which it would refuse): the seat's own person only, and said again it answers the same.
    { route: 'POST /api/rounds/{roundId}/not-attended', expect:        [401, 404, 404, 404, 404, 200, 404, 200, 404],
      call: () => ({ params: { roundId } }) },
    { route: 'GET /api/scorecards/overdue', call: () => ({}), expect:  [401, 200, 200, 200, 200, 403, 403, 403, 200] },
    { route: 'GET /api/analytics/interviewers', call: () => ({}), expect: [401, 200, 200, 200, 403, 403, 403, 403, 200] },
    { route: 'GET /api/analytics/questions', call: () => ({}), expect: [401, 200, 200, 200, 403, 403, 403, 403, 200] },

    // ---- packets and exports
    { route: 'GET /api/loops/{id}/packet', expect:                     [401, 200, 200, 403, 200, 403, 403, 403, 404],
      call: () => ({ params: { id: loopId }, query: 'format=html' }) },
    { route: 'POST /api/packet-templates', expect:                     [401, 201, 403, 403, 403, 403, 403, 403, 201],
      call: () => ({ body: { name: `Packet ${unique()}`, format: 'markdown', source: '# {{candidate.name}}' } }) },
    { route: 'GET /api/packet-templates', call: () => ({}), expect:    [401, 200, 403, 403, 403, 403, 403, 403, 200] },
    { route: 'GET /api/packet-templates/view-model', call: () => ({}), expect: [401, 200, 403, 403, 403, 403, 403, 403, 200] },
    { route: 'GET /api/packet-templates/{id}', expect:                 [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: packetTemplateId } }) },
    { route: 'PUT /api/packet-templates/{id}', expect:                 [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: packetTemplateId }, body: { name: 'Matrix packet' } }) },
    { route: 'POST /api/packet-templates/{id}/preview', expect:        [401, 200, 403, 403, 403, 403, 403, 403, 404],
      call: () => ({ params: { id: packetTemplateId }, body: { loopId } }) },
    { route: 'POST /api/exports', expect:                              [401, 202, 403, 403, 202, 403, 403, 403, 404],
      call: () => ({ body: { positionId, format: 'html' } }) },
    // Made by the recruiter: they and admins see it; the worker does not run here, so the download is not ready.
    { route: 'GET /api/exports/{id}', expect:                          [401, 200, 404, 404, 200, 404, 404, 404, 404],
      call: () => ({ params: { id: exportId } }) },
    { route: 'GET /api/exports/{id}/download', expect:                 [401, '409 EXPORT_NOT_READY', 404, 404, '409 EXPORT_NOT_READY', 404, 404, 404, 404],
      call: () => ({ params: { id: exportId } }) },

    // ---- submitting and amending (after every row that needs nothing submitted)
    { route: 'POST /api/rounds/{roundId}/scorecard/submit', expect:    [401, 403, 403, 403, 403, 200, 404, 200, 404],
      call: async (actor) => ({ params: { roundId }, body: { version: await completeDraft(actor) } }) },
    { route: 'POST /api/rounds/{roundId}/scorecard/amendments', expect: [401, 403, 403, 403, 403, 201, 404, 201, 404],
      call: () => ({ params: { roundId }, body: { reason: 'Re-read my notes', summary: 'Amended summary, with the evidence.' } }) },
    // Now the interviewer and the shadow have submitted, they read the loop's scorecards.
    { route: 'GET /api/loops/{id}/scorecards', phase: 'after submitting', expect: [401, 200, 200, 200, 200, 200, 404, 200, 404],
      call: () => ({ params: { id: loopId } }) },

    // ---- destructive rows, each on a throwaway object
    { route: 'POST /api/questions/{id}/retire', expect:                [401, 200, 200, 200, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: (await api('admin').post('/api/questions').send(questionBody(pillars.coding!)).expect(201)).body.id }, body: { reason: 'leaked' } }) },
    { route: 'DELETE /api/pillars/{id}', expect:                       [401, 204, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: (await api('admin').post('/api/pillars').send({ key: `gone-${unique()}`, name: 'Gone' }).expect(201)).body.id } }) },
    { route: 'DELETE /api/loops/{id}/rounds/{roundId}', expect:        [401, 200, 200, 403, 200, 403, 403, 403, 404],
      call: async () => {
        const loop = (await api('admin').post(`/api/loops/${scratchLoopId}/rounds`).send({ title: `Gone ${unique()}`, pillarIds: [pillars.coding] }).expect(201)).body;
        return { params: { id: scratchLoopId, roundId: (loop.rounds as { id: string }[]).at(-1)!.id } };
      } },
    { route: 'DELETE /api/packet-templates/{id}', expect:              [401, 204, 403, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: (await api('admin').post('/api/packet-templates').send({ name: `Gone ${unique()}`, format: 'markdown', source: '# x' }).expect(201)).body.id } }) },
    // Someone else's token is not yours to revoke: 404, like a token that does not exist.
    { route: 'DELETE /api/auth/tokens/{id}', expect:                   [401, 204, 404, 404, 404, 404, 404, 404, 404],
      call: async () => ({ params: { id: (await api('admin').post('/api/auth/tokens').send({ name: `Gone ${unique()}` }).expect(201)).body.id } }) },
    { route: 'POST /api/loops/{id}/cancel', expect:                    [401, 200, 200, 403, 200, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newLoop() }, body: { reason: 'Candidate withdrew' } }) },
    { route: 'POST /api/loops/{id}/decision', expect:                  [401, 200, 200, 403, 403, 403, 403, 403, 404],
      call: async () => ({ params: { id: await newLoop() }, body: { decision: 'hire', note: 'Decided without rounds', force: true } }) },
    // Each caller logs out a fresh token of their own.
    { route: 'POST /api/auth/logout', expect:                          [401, 204, 204, 204, 204, 204, 204, 204, 204],
      call: async (actor) => ({ token: await freshToken(actor) }) },
    // Last: it revokes every token of the caller, the ones the rows above reuse included.
    { route: 'POST /api/auth/logout-all', expect:                      [401, 204, 204, 204, 204, 204, 204, 204, 204],
      call: async (actor) => ({ token: await freshToken(actor) }) },
  ];

  function hiringManagerFor(actor: ActorKey): { hiringManagerId?: string } {
    if (actor === 'foreignAdmin') return { hiringManagerId: foreign.users.hiringManager!.id };
    if (actor === 'hiringManager' || actor === 'otherManager') return {};
    return { hiringManagerId: team.users.hiringManager!.id };
  }

  function templateBody(): Record<string, unknown> {
    return {
      name: `Template ${unique()}`,
      rounds: [{ title: 'Foundations', durationMinutes: 45, pillarIds: [pillars.foundations], questionCount: 0 }],
    };
  }

  /** The caller's draft filled enough to submit; its version (1 for callers who have no scorecard here). */
  async function completeDraft(actor: ActorKey): Promise<number> {
    const user = userOf(actor);
    if (!user || (actor !== 'interviewer' && actor !== 'shadow')) return 1;
    const saved = await as(testApp, user)
      .put(`/api/rounds/${roundId}/scorecard`)
      .send({
        version: await myScorecardVersion(actor),
        ratings: [{ pillarId: pillars.foundations, rating: 'yes', notes: 'Explained it with an example.' }],
        recommendation: 'yes',
        summary: 'Solid foundations, explained with examples.',
      })
      .expect(200);
    return saved.body.version as number;
  }

  async function freshToken(actor: ActorKey): Promise<string | undefined> {
    const user = userOf(actor);
    if (!user) return undefined;
    return (await testApp.http().post('/api/auth/login').send({ email: user.email, password: TEST_PASSWORD }).expect(200)).body.token;
  }

  const keyOf = (method: string, path: string): string => `${method.toUpperCase()} ${path}`;

  const routeCount = ROWS.filter((row) => !row.phase).length;

  it(`has a row for every route of the OpenAPI document (${routeCount} routes × ${ACTORS.length} callers)`, async () => {
    const document = await buildOpenApiDocument(testApp.app);
    const documented = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations)
        .filter((method) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map((method) => keyOf(method, path)),
    );
    const labels = ROWS.map((row) => `${row.route}${row.phase ? ` (${row.phase})` : ''}`);
    expect(new Set(labels).size).toBe(labels.length);
    const tabled = ROWS.filter((row) => !row.phase).map((row) => row.route);
    expect([...tabled].sort()).toEqual([...documented].sort());
  });

  it(`answers every cell as the contract says (${routeCount} routes × ${ACTORS.length} callers, ${ROWS.length * ACTORS.length} requests)`, async () => {
    const mismatches: string[] = [];
    for (const row of ROWS) {
      const [method, template] = row.route.split(' ') as [string, string];
      for (const [column, actor] of ACTORS.entries()) {
        const call = await row.call(actor);
        const path = template.replace(/\{(\w+)\}/g, (_match, name: string) => {
          const value = call.params?.[name];
          if (!value) throw new Error(`${row.route}: no value for {${name}}`);
          return value;
        });
        const url = call.query ? `${path}?${call.query}` : path;
        let request = testApp.http()[method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
        const token = call.token ?? userOf(actor)?.token;
        if (token) request = request.set('Authorization', `Bearer ${token}`);
        const response = await (call.body === undefined ? request : request.send(call.body as object));
        const expected = String(row.expect[column]);
        const [expectedStatus = '', explicitCode] = expected.split(' ');
        const expectedCode = explicitCode ?? DEFAULT_CODES[expectedStatus];
        const code = typeof response.body === 'object' && response.body !== null ? (response.body as { code?: string }).code : undefined;
        if (String(response.status) !== expectedStatus || (expectedCode !== undefined && code !== expectedCode)) {
          mismatches.push(
            `${row.route}${row.phase ? ` (${row.phase})` : ''} as ${actor}: expected ${expectedStatus}${expectedCode ? ` ${expectedCode}` : ''}, got ${response.status}${code ? ` ${code}` : ''}`,
          );
        }
      }
    }
    expect(mismatches).toEqual([]);
  }, 120_000);
});

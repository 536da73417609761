import { DOMAIN_EVENT_TYPES } from '@loopwright/events';
import { PacketExport } from '@loopwright/packets';
import { as, createCandidate, createDispatcher, createFoundationsCodingTemplate, createLoop, createNotificationsWorker, createPosition, createTeam, createTestApp, patchRound, pillarIdsByKey, ProbeSubscriber, qualify, ROUND_STAFF_TEAM, saveScorecard, submitScorecard, type TestApp, type TestTeam, timeSlot } from '@loopwright/testing';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type request from 'supertest';

/**
 * Every GET operation of the committed openapi.json, called on a team with data in every table, answers what the
 * document says: the media type is one the 200 response lists, and a JSON body validates against its schema (refs
 * resolved, `nullable` honoured, no undocumented fields). A GET route without a probe here fails the first test.
 */

interface OpenApiOperation {
  operationId: string;
  responses: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components: { schemas: Record<string, unknown> };
}

type Caller = 'anonymous' | 'admin' | 'interviewer' | 'interviewer2';
interface Probe {
  as: Caller;
  params?: Record<string, string>;
  query?: Record<string, string>;
}

const rubric = { strong_no: 'Cannot explain it.', no: 'Vague.', yes: 'With an example.', strong_yes: 'With the trade-offs.' };
const unique = (): string => randomUUID().slice(0, 8);
const document = JSON.parse(readFileSync(path.resolve('openapi.json'), 'utf8')) as OpenApiDocument;
const SCHEMA_ID = 'openapi.json';

/**
 * OpenAPI 3.0 schema → JSON Schema for Ajv: `$ref`s point into the registered document, `nullable: true` admits null
 * (also around an `allOf` reference, which Ajv's own `nullable` does not), and an object with declared properties
 * allows no others (a field a typed client cannot see is a documentation bug too).
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (node === null || typeof node !== 'object') return node;
  const schema: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (key === '$ref' && typeof value === 'string') schema[key] = `${SCHEMA_ID}${value}`;
    else if (key === 'properties' && value !== null && typeof value === 'object')
      schema[key] = Object.fromEntries(Object.entries(value).map(([name, property]) => [name, toJsonSchema(property)]));
    else if (key !== 'nullable' && key !== 'example' && key !== 'description') schema[key] = toJsonSchema(value);
  }
  if ('properties' in schema && !('additionalProperties' in schema)) schema.additionalProperties = false;
  return (node as { nullable?: unknown }).nullable === true ? { anyOf: [{ type: 'null' }, schema] } : schema;
}

const ajv = new Ajv.default({ strict: false, allErrors: true });
addFormats.default(ajv);
ajv.addSchema({ $id: SCHEMA_ID, components: { schemas: toJsonSchema(document.components.schemas) } });

const getOperations = (): string[] =>
  Object.entries(document.paths)
    .filter(([, operations]) => 'get' in operations)
    .map(([route]) => route)
    .sort();

describe('OpenAPI: real responses of every GET route match the document', () => {
  let testApp: TestApp;
  let team: TestTeam;
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-openapi-'));
  const ids: Record<string, string> = {};

  const api = (key: string) => as(testApp, team.users[key]!);

  beforeAll(async () => {
    testApp = await createTestApp({ DATA_DIR: dataDir });
    // A subscriber of every event, so that the team's changes leave deliveries too (registering is enough).
    await (await createDispatcher([new ProbeSubscriber(`openapi-${unique()}`, DOMAIN_EVENT_TYPES)])).close();
    // The invite subscriber too, so that the rounds below leave invites and (held) mail.
    const notifications = await createNotificationsWorker({ SMTP_URL: undefined });
    team = await createTeam(testApp, ROUND_STAFF_TEAM);
    const user = (key: string): string => team.users[key]!.id;
    const pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('interviewer'), user('interviewer2')]);
    await qualify(api('admin'), pillars, [user('trainee')], 'shadow');
    await api('admin').post('/api/pillars').send({ key: `openapi-${unique()}`, name: 'OpenAPI' }).expect(201);
    await api('admin').post('/api/auth/tokens').send({ name: 'ATS sync', expiresInDays: 30 }).expect(201);
    await api('interviewer').post('/api/me/calendar-token').expect(201);
    await testApp.http().post('/api/auth/login').send({ email: team.users.recruiter!.email, password: 'not-the-password' }).expect(401);

    const questionBody = (title: string) => ({ pillarId: pillars.foundations, title, prompt: 'Explain the bias-variance trade-off.', rubric, difficulty: 2, roles: ['ml_engineer'] });
    ids.question = (await api('admin').post('/api/questions').send(questionBody(`Bias and variance ${unique()}`)).expect(201)).body.id;
    await api('admin').patch(`/api/questions/${ids.question}`).send({ tags: ['regularization'], prompt: 'Explain bias and variance, with an example.' }).expect(200);
    ids.retiredQuestion = (await api('admin').post('/api/questions').send(questionBody(`Leaked ${unique()}`)).expect(201)).body.id;
    await api('admin').post(`/api/questions/${ids.retiredQuestion}/retire`).send({ reason: 'leaked' }).expect(200);

    ids.position = await createPosition(api('admin'), { title: 'ML Engineer', roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    ids.candidate = await createCandidate(api('recruiter'), { name: 'Ada Candidate', phone: '+49 30 1234', source: 'referral', notes: 'Met at a meetup.' });
    await api('recruiter').post(`/api/candidates/${ids.candidate}/conflicts`).send({ userId: user('recruiter'), reason: 'Former colleague' }).expect(201);
    ids.template = (await createFoundationsCodingTemplate(api('admin'), pillars)).id;
    type LoopBody = { id: string; rounds: { id: string; pillarIds: string[]; questionIds: string[] }[] };
    const loop = await createLoop<LoopBody>(api('recruiter'), { candidateId: ids.candidate, positionId: ids.position, templateId: ids.template });
    ids.loop = loop.id;
    const [first, second] = loop.rounds;
    ids.round = first!.id;
    ids.draftRound = second!.id;
    // Held in the past: scorecards may be submitted, and the unsubmitted one is overdue.
    const held = (round: number) => timeSlot(Date.UTC(2025, 2, 3), 0, 9 + 2 * round);
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('interviewer'), shadowInterviewerIds: [user('trainee')], ...held(0) }).expect(200);
    await patchRound(api('recruiter'), loop, 1, { interviewerId: user('interviewer2'), ...held(1) }).expect(200);
    await api('recruiter').post(`/api/loops/${ids.loop}/rounds`).send({ title: 'Extra', durationMinutes: 45, pillarIds: [pillars.coding] }).expect(201);
    await notifications.dispatcher.drain();
    await notifications.sender.drain();
    await notifications.close();

    const fill = async (key: string, round: LoopBody['rounds'][number], submit: boolean): Promise<void> => {
      const fields = {
        ratings: round.pillarIds.map((pillarId) => ({ pillarId, rating: 'yes', notes: 'Explained with an example.' })),
        questionsAsked: round.questionIds.map((questionId) => ({ questionId, notes: 'Asked first.' })),
        recommendation: 'yes',
        summary: `Summary by ${key}: long enough to submit.`,
      };
      await (submit ? submitScorecard : saveScorecard)(api(key), round.id, fields);
    };
    await fill('interviewer', first!, true);
    await fill('trainee', first!, true);
    await fill('interviewer2', second!, false);
    // Remind now of the draft, so that its rate limit has a row too.
    await api('recruiter').post(`/api/rounds/${ids.draftRound}/remind`).send({}).expect(202);
    await api('interviewer').post(`/api/rounds/${ids.round}/scorecard/amendments`).send({ reason: 'Re-read my notes', summary: 'Amended summary, with the evidence.' }).expect(201);
    await api('hiringManager').post(`/api/loops/${ids.loop}/decision`).send({ decision: 'hire', note: 'Strong on foundations', force: true }).expect(200);

    ids.packetTemplate = (
      await api('admin').post('/api/packet-templates').send({ name: 'OpenAPI packet', format: 'html', source: '<h1>{{candidate.name}}</h1>' }).expect(201)
    ).body.id;
    // The API only queues an export (the worker writes it): finish this one as the worker would.
    ids.export = (await api('admin').post('/api/exports').send({ loopIds: [ids.loop], format: 'html' }).expect(202)).body.id;
    const archive = Buffer.from([0x50, 0x4b, 0x05, 0x06, ...new Array<number>(18).fill(0)]);
    mkdirSync(path.join(dataDir, 'exports'), { recursive: true });
    writeFileSync(path.join(dataDir, 'exports', `${ids.export}.zip`), archive);
    await testApp.dataSource.manager.update(PacketExport, { id: ids.export }, { status: 'done', done: 1, sizeBytes: String(archive.length), finishedAt: new Date() });

    // Privacy and notification settings, so that their tables have rows too: a candidate read (an access event), an
    // erased candidate, a preference, the Slack channel, a sent channel digest and the retention setting.
    await api('admin').get(`/api/candidates/${ids.candidate}`).expect(200);
    ids.erasedCandidate = await createCandidate(api('recruiter'), { name: 'Erased Candidate' });
    await api('recruiter').post(`/api/candidates/${ids.erasedCandidate}/erasure`).send({ mode: 'anonymize', reason: 'Asked to be forgotten' }).expect(201);
    await api('recruiter').put('/api/me/notification-preferences').send({ preferences: [{ kind: 'reminder-digest', enabled: false }] }).expect(200);
    await api('admin').put('/api/organization/notifications').send({ slackWebhookUrl: 'http://127.0.0.1:9/openapi-channel' }).expect(200);
    await api('admin').patch('/api/organization/privacy').send({ candidateRetentionDays: 365 }).expect(200);
    // A webhook endpoint with a queued test delivery.
    ids.webhookEndpoint = (await api('admin').post('/api/webhook-endpoints').send({ url: 'http://127.0.0.1:9/openapi-hook', events: ['loop.decided'] }).expect(201)).body.id;
    await api('admin').post(`/api/webhook-endpoints/${ids.webhookEndpoint}/test`).expect(202);
    // Single sign-on: the settings with a domain, a link approval, a linked identity and a sign-in under way; the
    // calibration snapshot, made by the first analytics read.
    await api('admin')
      .put('/api/organization/sso')
      .send({ issuer: 'https://idp.example.test', clientId: 'openapi', clientSecret: 'openapi-secret', allowedDomains: [`o${unique()}.test`], required: false })
      .expect(200);
    await api('admin').post(`/api/users/${team.users.interviewer!.id}/sso-link`).expect(200);
    await testApp.dataSource.query(`INSERT INTO user_identities (organization_id, user_id, issuer, subject) VALUES ($1, $2, 'https://idp.example.test', $3)`, [
      team.organization.id,
      team.users.recruiter!.id,
      `subject-${unique()}`,
    ]);
    await testApp.dataSource.query(
      `INSERT INTO oidc_login_states (organization_id, state_hash, nonce, code_verifier, expires_at) VALUES ($1, $2, 'nonce', 'verifier', now() + interval '10 minutes')`,
      [team.organization.id, randomBytes(32)],
    );
    await api('admin').get('/api/analytics/interviewers').expect(200);
    await testApp.dataSource.query(
      // Sent already: no sender of another test file takes it.
      `INSERT INTO slack_outbox (id, organization_id, idempotency_key, payload, status, attempts, next_attempt_at, sent_at, created_at)
       VALUES ($1, $2, $3, '{"text": "Overdue"}', 'sent', 1, now(), now(), now())`,
      [randomUUID(), team.organization.id, `slack-digest:openapi-${unique()}`],
    );
  }, 120_000);

  afterAll(async () => {
    await testApp?.close();
  });

  /** How each GET route is called; several probes of one route cover each of its media types. */
  const probes = (): Record<string, Probe[]> => ({
    '/health': [{ as: 'anonymous' }],
    '/api/auth/tokens': [{ as: 'admin' }],
    '/api/me': [{ as: 'admin' }, { as: 'interviewer' }],
    '/api/users': [{ as: 'admin' }],
    '/api/users/{id}': [{ as: 'admin', params: { id: team.users.interviewer!.id } }],
    '/api/audit-events': [{ as: 'admin' }],
    '/api/pillars': [{ as: 'admin' }],
    '/api/questions': [{ as: 'admin' }, { as: 'admin', query: { q: 'bias-variance' } }, { as: 'admin', query: { status: 'all' } }],
    '/api/questions/export': [{ as: 'admin' }, { as: 'admin', query: { format: 'csv' } }],
    '/api/questions/{id}': [
      { as: 'admin', params: { id: ids.question! } },
      { as: 'admin', params: { id: ids.retiredQuestion! } },
    ],
    '/api/questions/{id}/versions': [{ as: 'admin', params: { id: ids.question! } }],
    '/api/positions': [{ as: 'admin' }],
    '/api/positions/{id}': [{ as: 'admin', params: { id: ids.position! } }],
    '/api/candidates': [{ as: 'admin' }],
    '/api/candidates/{id}': [{ as: 'admin', params: { id: ids.candidate! } }],
    '/api/candidates/{id}/conflicts': [{ as: 'admin', params: { id: ids.candidate! } }],
    '/api/loop-templates': [{ as: 'admin' }],
    '/api/loop-templates/{id}': [{ as: 'admin', params: { id: ids.template! } }],
    '/api/loops': [{ as: 'admin' }],
    '/api/loops/{id}': [{ as: 'admin', params: { id: ids.loop! } }],
    '/api/loops/{id}/rounds/{roundId}/interviewer-suggestions': [{ as: 'admin', params: { id: ids.loop!, roundId: ids.draftRound! } }],
    '/api/me/assignments': [{ as: 'interviewer' }, { as: 'interviewer2' }],
    '/api/rounds/{roundId}/kit': [{ as: 'interviewer', params: { roundId: ids.round! } }],
    '/api/rounds/{roundId}/invite.ics': [{ as: 'interviewer', params: { roundId: ids.round! } }],
    '/api/rounds/{roundId}/scorecard': [
      { as: 'interviewer', params: { roundId: ids.round! } },
      { as: 'interviewer2', params: { roundId: ids.draftRound! } },
    ],
    '/api/loops/{id}/scorecards': [
      { as: 'admin', params: { id: ids.loop! } },
      { as: 'admin', params: { id: ids.loop! }, query: { format: 'csv', includeShadows: 'true' } },
    ],
    '/api/positions/{id}/scorecards': [{ as: 'admin', params: { id: ids.position! } }],
    '/api/loops/{id}/summary': [
      { as: 'admin', params: { id: ids.loop! } },
      { as: 'admin', params: { id: ids.loop! }, query: { includeShadows: 'true' } },
    ],
    '/api/scorecards/overdue': [{ as: 'admin' }],
    '/api/analytics/interviewers': [{ as: 'admin' }, { as: 'admin', query: { minCount: '2' } }],
    '/api/analytics/questions': [{ as: 'admin' }, { as: 'admin', query: { minCount: '2' } }],
    '/api/loops/{id}/packet': [
      { as: 'admin', params: { id: ids.loop! } },
      { as: 'admin', params: { id: ids.loop! }, query: { format: 'markdown' } },
      { as: 'admin', params: { id: ids.loop! }, query: { format: 'pdf' } },
    ],
    '/api/packet-templates': [{ as: 'admin' }],
    '/api/packet-templates/view-model': [{ as: 'admin' }],
    '/api/packet-templates/{id}': [{ as: 'admin', params: { id: ids.packetTemplate! } }],
    '/api/exports/{id}': [{ as: 'admin', params: { id: ids.export! } }],
    '/api/exports/{id}/download': [{ as: 'admin', params: { id: ids.export! } }],
    '/api/access-events': [{ as: 'admin' }, { as: 'admin', query: { candidateId: ids.candidate! } }],
    '/api/candidates/{id}/erasures': [{ as: 'admin', params: { id: ids.erasedCandidate! } }],
    '/api/candidates/{id}/data-export': [{ as: 'admin', params: { id: ids.candidate! } }],
    '/api/me/notification-preferences': [{ as: 'admin' }],
    '/api/organization/notifications': [{ as: 'admin' }],
    '/api/organization/privacy': [{ as: 'admin' }],
    '/api/webhook-endpoints': [{ as: 'admin' }],
    '/api/webhook-endpoints/{id}': [{ as: 'admin', params: { id: ids.webhookEndpoint! } }],
    '/api/webhook-endpoints/{id}/deliveries': [{ as: 'admin', params: { id: ids.webhookEndpoint! } }],
    '/api/organization/sso': [{ as: 'admin' }],
  });

  it('has a probe for every GET operation of the document, and none for a route it does not have', () => {
    expect(Object.keys(probes()).sort()).toEqual(getOperations());
  });

  it('runs on data in every table of the team', async () => {
    const empty: string[] = [];
    for (const entity of testApp.dataSource.entityMetadatas) {
      const byOrganization = entity.columns.find((column) => column.propertyName === 'organizationId');
      const key = entity.name === 'Organization' ? 'id' : byOrganization ? byOrganization.databaseName : undefined;
      const [{ count }] = (await testApp.dataSource.query(
        `SELECT count(*)::int AS count FROM "${entity.tableName}"${key ? ` WHERE "${key}" = $1` : ''}`,
        key ? [team.organization.id] : [],
      )) as [{ count: number }];
      if (count === 0) empty.push(entity.tableName);
    }
    expect(empty).toEqual([]);
  });

  it('rejects a body with an undocumented field or a null where none is documented, and accepts a documented null', async () => {
    const loop = (await api('admin').get(`/api/loops/${ids.loop}`).expect(200)).body as { id: string | null; rounds: { interviewer: unknown }[] };
    const validate = ajv.compile(toJsonSchema(document.paths['/api/loops/{id}']!.get!.responses['200']!.content!['application/json']!.schema) as object);
    expect(validate(loop)).toBe(true);
    expect(validate({ ...loop, undocumented: true })).toBe(false);
    expect(validate({ ...loop, id: null })).toBe(false);
    expect(validate({ ...loop, rounds: loop.rounds.map((round) => ({ ...round, interviewer: null })) })).toBe(true);
    expect(validate({ ...loop, rounds: loop.rounds.map((round) => ({ ...round, interviewer: { id: 'x' } })) })).toBe(false);
  });

  it.each(getOperations())('GET %s answers its documented media types and schema', async (route) => {
    const operation = document.paths[route]!.get!;
    const documented = operation.responses['200']?.content ?? {};
    const routeProbes = probes()[route];
    expect(routeProbes).toBeDefined();
    const seen = new Set<string>();
    for (const probe of routeProbes!) {
      const url = route.replace(/\{(\w+)\}/g, (_match, name: string) => encodeURIComponent(probe.params?.[name] ?? `missing-${name}`));
      const call: request.Test = probe.as === 'anonymous' ? testApp.http().get(url) : api(probe.as).get(url);
      const response = await call
        .query(probe.query ?? {})
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      const where = `GET ${url}${probe.query ? `?${new URLSearchParams(probe.query).toString()}` : ''} as ${probe.as}`;
      expect({ where, status: response.status }).toEqual({ where, status: 200 });
      const mediaType = String(response.headers['content-type'] ?? '').split(';')[0]!.trim();
      expect({ where, mediaType, documented: Object.keys(documented).includes(mediaType) }).toEqual({ where, mediaType, documented: true });
      seen.add(mediaType);
      const body = response.body as Buffer;
      const schema = documented[mediaType]!.schema as { type?: string; format?: string } | undefined;
      expect({ where, schema: schema !== undefined }).toEqual({ where, schema: true });
      if (mediaType === 'application/json') {
        const validate: ValidateFunction = ajv.compile(toJsonSchema(schema) as object);
        const valid = validate(JSON.parse(body.toString('utf8')));
        expect({ where, errors: valid ? [] : ajv.errorsText(validate.errors, { separator: '\n' }).split('\n') }).toEqual({ where, errors: [] });
      } else if (schema!.format === 'binary') {
        expect(body.length).toBeGreaterThan(0);
        const magic = { 'application/pdf': '%PDF', 'application/zip': 'PK' }[mediaType];
        if (magic) expect(body.subarray(0, magic.length).toString('latin1')).toBe(magic);
      } else {
        expect({ where, type: schema!.type }).toEqual({ where, type: 'string' });
        expect(body.toString('utf8').length).toBeGreaterThan(0);
      }
    }
    // Each documented media type of the route is one a probe saw.
    expect([...seen].sort()).toEqual(Object.keys(documented).sort());
  });
});

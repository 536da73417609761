import { Test, type TestingModule } from '@nestjs/testing';
import { CoreModule } from '@loopwright/core';
import { DatabaseModule, JobQueueModule } from '@loopwright/database';
import { PacketExportRunner, PacketExportWorkerModule } from '@loopwright/packets';
import {
  createCandidate,
  createLoop,
  createLoopTemplate,
  createPosition,
  LOOP_TEAM,
  patchRound,
  qualify,
  ratingsByKey,
  readZip,
  submitScorecard,
  teamSuite,
  timeSlot,
} from '@loopwright/testing';
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENTITIES } from '../apps/api/src/entities.js';

const past = (day: number, hour: number) => timeSlot(Date.UTC(2025, 4, 5), day, hour);
const future = (day: number, hour: number) => timeSlot(Date.now() + 30 * 86_400_000, day, hour);

interface Person {
  name: string;
  email: string;
  phone: string;
}

/** Someone whose name, email and phone appear nowhere else, so that any hit is theirs. */
function distinctivePerson(): Person {
  const tag = randomUUID().replace(/[^a-f]/g, '').slice(0, 6);
  return { name: `Zebulon Quxwright${tag}`, email: `zebulon.quxwright.${tag}@privacy.test`, phone: `+44 7700 9${tag.length}4${Date.now() % 100_000}` };
}

/** Every file under `directory`, zip archives opened (their entries are compressed). */
function filesUnder(directory: string): Buffer[] {
  if (!existsSync(directory)) return [];
  return readdirSync(directory).flatMap((name) => {
    const full = path.join(directory, name);
    return statSync(full).isDirectory() ? filesUnder(full) : [readFileSync(full)];
  });
}

describe('privacy: erasure of a candidate', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'loopwright-privacy-'));
  const suite = teamSuite({ ...LOOP_TEAM, i3: ['interviewer'] }, { environment: { DATA_DIR: dataDir } });
  const { api, user } = suite;
  let worker: TestingModule;
  let questionId: string;
  let templateId: string;
  let packetTemplateId: string;

  /** How often any of the person's name, email or phone occurs in a data-only dump of the whole test database. */
  const hitsInDatabase = (person: Person): number => {
    const dump = execFileSync('pg_dump', ['--data-only', '--no-owner', `--dbname=${process.env.DATABASE_URL}`], { maxBuffer: 512 * 1024 * 1024, stdio: ['ignore', 'pipe', 'ignore'] }).toString('utf8').toLowerCase();
    return [person.name, person.email, person.phone].reduce((sum, text) => sum + dump.split(text.toLowerCase()).length - 1, 0);
  };

  /** The same over every file under DATA_DIR (export archives opened entry by entry, their file names included). */
  const hitsInFiles = async (person: Person): Promise<number> => {
    const texts: string[] = [];
    for (const file of filesUnder(dataDir)) {
      texts.push(file.toString('latin1'));
      if (file.subarray(0, 2).toString('latin1') === 'PK') for (const [name, entry] of await readZip(file)) texts.push(name, entry.toString('utf8'));
    }
    const all = texts.join('\n').toLowerCase();
    const slug = person.name.toLowerCase().replaceAll(' ', '-');
    return [person.name, slug, person.email, person.phone].reduce((sum, text) => sum + all.split(text.toLowerCase()).length - 1, 0);
  };

  /**
   * A candidate whose name, email and phone are written into every free text that can carry them: the candidate's
   * notes, a conflict reason, scorecard notes (per pillar and per question), the summary, an amendment, the decision
   * note; a packet export from a custom template (PDF) and the default one (HTML). A second loop of theirs is still
   * open with a round next month.
   */
  async function seed(person: Person, day: number): Promise<{ candidateId: string; decided: { id: string; rounds: { id: string }[] }; open: { id: string; rounds: { id: string }[] }; exportIds: string[] }> {
    const mention = `${person.name} (${person.email}, ${person.phone})`;
    const candidateId = await createCandidate(api('recruiter'), { ...person, source: `referral by ${person.name}`, notes: `Notes on ${mention}` });
    await api('recruiter').post(`/api/candidates/${candidateId}/conflicts`).send({ userId: user('i2'), reason: `Knows ${mention}` }).expect(201);
    const positionId = await createPosition(api('admin'), { title: `Engineer ${randomUUID().slice(0, 4)}`, roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    const decided = await createLoop(api('recruiter'), { candidateId, positionId, templateId });
    await patchRound(api('recruiter'), decided, 0, { interviewerId: user('i1'), ...past(day, 9) }).expect(200);
    await submitScorecard(api('i1'), decided.rounds[0]!.id, {
      ratings: ratingsByKey(suite.pillars, { foundations: 'yes', coding: 'strong_yes' }, (key) => `Evidence on ${key} from ${mention}`),
      questionsAsked: [{ questionId, notes: `Answer of ${mention}` }],
      recommendation: 'yes',
      summary: `Summary: ${mention} did well.`,
    });
    await api('i1')
      .post(`/api/rounds/${decided.rounds[0]!.id}/scorecard/amendments`)
      .send({ reason: `Re-read my notes on ${mention}`, summary: `Amended: ${mention} did very well.` })
      .expect(201);
    await api('hiringManager').post(`/api/loops/${decided.id}/decision`).send({ decision: 'hire', force: true, note: `Hire ${mention}` }).expect(200);

    const otherPosition = await createPosition(api('admin'), { title: `Lead ${randomUUID().slice(0, 4)}`, roleFamily: 'other', level: 'senior', hiringManagerId: user('hiringManager') });
    const open = await createLoop(api('recruiter'), { candidateId, positionId: otherPosition, templateId });
    await patchRound(api('recruiter'), open, 0, { interviewerId: user('i3'), ...future(day, 10) }).expect(200);

    const exportIds: string[] = [];
    for (const body of [{ loopIds: [decided.id], format: 'pdf', templateId: packetTemplateId }, { loopIds: [decided.id, open.id], format: 'html' }]) {
      const created = await api('recruiter').post('/api/exports').send(body).expect(202);
      await worker.get(PacketExportRunner).run({ exportId: created.body.id, organizationId: suite.team.organization.id });
      expect((await api('recruiter').get(`/api/exports/${created.body.id}`).expect(200)).body.status).toBe('done');
      exportIds.push(created.body.id);
    }
    return { candidateId, decided, open, exportIds };
  }

  const calibration = async () => (await api('admin').get('/api/analytics/interviewers?minCount=2').expect(200)).body;
  const questionAnalytics = async () => (await api('admin').get('/api/analytics/questions?minCount=2').expect(200)).body;

  beforeAll(async () => {
    // The export runner without its queue worker (compiled, not started): the test runs each export itself.
    worker = await Test.createTestingModule({
      imports: [CoreModule, DatabaseModule.forRoot({ entities: ENTITIES }), JobQueueModule.forRoot({ role: 'producer' }), PacketExportWorkerModule],
    }).compile();
    await qualify(api('admin'), suite.pillars, [user('i1'), user('i2'), user('i3')]);
    questionId = (await api('admin').get('/api/questions?pillar=foundations&limit=1').expect(200)).body.items[0].id;
    templateId = (await createLoopTemplate(api('admin'), [{ title: 'Foundations and coding', pillarIds: [suite.pillars.foundations!, suite.pillars.coding!], questionCount: 1 }])).id;
    const source = '<h1>{{candidate.name}}</h1><p>{{candidate.email}}</p>{{#each rounds}}<h2>{{title}}</h2>{{/each}}';
    packetTemplateId = (await api('admin').post('/api/packet-templates').send({ name: 'Privacy packet', format: 'html', source }).expect(201)).body.id;
  }, 180_000);

  afterAll(async () => {
    await worker?.close();
  });

  it('anonymizes: 0 hits of name, email and phone in a data-only dump and under DATA_DIR; analytics unchanged', async () => {
    const person = distinctivePerson();
    const { candidateId, decided, open, exportIds } = await seed(person, 0);
    // The search finds what is there: before, the person is everywhere.
    expect(hitsInDatabase(person)).toBeGreaterThan(10);
    expect(await hitsInFiles(person)).toBeGreaterThan(0);
    const [calibrationBefore, questionsBefore] = [await calibration(), await questionAnalytics()];

    await api('recruiter').post(`/api/candidates/${candidateId}/erasure`).send({ mode: 'shred', reason: 'Art. 17 request' }).expect(400);
    await api('hiringManager').post(`/api/candidates/${candidateId}/erasure`).send({ reason: 'Art. 17 request' }).expect(403);
    await api('i1').get(`/api/candidates/${candidateId}/data-export`).expect(403);
    const record = (await api('recruiter').post(`/api/candidates/${candidateId}/erasure`).send({ reason: 'Art. 17 request' }).expect(201)).body;
    expect(record).toEqual(
      expect.objectContaining({ candidateId, mode: 'anonymize', trigger: 'request', reason: 'Art. 17 request', requestedById: user('recruiter'), candidateNumber: expect.any(Number) }),
    );
    expect(record.erased).toEqual(expect.objectContaining({ loops: 2, scorecards: 1, amendments: 1, exports: 2 }));

    expect(hitsInDatabase(person)).toBe(0);
    expect(await hitsInFiles(person)).toBe(0);
    for (const id of exportIds) {
      expect((await api('recruiter').get(`/api/exports/${id}`).expect(200)).body.status).toBe('expired');
      await api('recruiter').get(`/api/exports/${id}/download`).expect(409);
    }

    const candidate = (await api('recruiter').get(`/api/candidates/${candidateId}`).expect(200)).body;
    expect(candidate).toEqual(
      expect.objectContaining({ name: `Candidate #${record.candidateNumber}`, email: null, phone: null, source: null, notes: null, anonymizedAt: expect.any(String) }),
    );
    const conflicts = (await api('recruiter').get(`/api/candidates/${candidateId}/conflicts`).expect(200)).body;
    expect(conflicts.map((conflict: { reason: string }) => conflict.reason)).toEqual(['[erased]']);
    const [card] = (await api('recruiter').get(`/api/loops/${decided.id}/scorecards`).expect(200)).body.items;
    expect(card.recommendation).toBe('yes');
    expect(card.summary).toBe('[erased]');
    expect(card.ratings.map((rating: { rating: string; notes: string }) => [rating.rating, rating.notes]).sort()).toEqual([
      ['strong_yes', '[erased]'],
      ['yes', '[erased]'],
    ]);
    expect(card.amendments[0].reason).toBe('[erased]');
    const summary = (await api('recruiter').get(`/api/loops/${decided.id}/summary`).expect(200)).body;
    expect(summary.decision).toEqual(expect.objectContaining({ decision: 'hire', note: '[erased]' }));
    // Ratings, recommendations, decisions and exposure stay: calibration and question analytics read the same.
    expect(await calibration()).toEqual(calibrationBefore);
    expect(await questionAnalytics()).toEqual(questionsBefore);

    // The open loop was cancelled through the loops service: its future round lost its interviewer, and invites follow
    // from the round.cancelled event.
    const cancelled = (await api('recruiter').get(`/api/loops/${open.id}`).expect(200)).body;
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.rounds[0].interviewer).toBeNull();
    const [{ count }] = await suite.testApp.dataSource.query(`SELECT count(*)::int AS count FROM domain_events WHERE type = 'round.cancelled' AND payload ->> 'roundId' = $1`, [open.rounds[0]!.id]);
    expect(count).toBe(1);
    const [{ kinds }] = await suite.testApp.dataSource.query(`SELECT array_agg(type ORDER BY type) AS kinds FROM domain_events WHERE type LIKE 'candidate.%' AND payload ->> 'candidateId' = $1`, [candidateId]);
    expect(kinds).toEqual(['candidate.anonymized']);

    // Audit events about them keep ids and field names, never values.
    const audit = (await api('admin').get(`/api/audit-events?entityId=${candidateId}&order=asc`).expect(200)).body.items;
    expect(audit[0]).toEqual(expect.objectContaining({ action: 'candidate.created', changes: expect.objectContaining({ name: { before: null, after: '[erased]' } }) }));
    expect(audit.map((event: { action: string }) => event.action)).toContain('candidate.anonymized');

    // Once is enough; the record is kept.
    await api('recruiter').post(`/api/candidates/${candidateId}/erasure`).send({ reason: 'again' }).expect(409);
    expect((await api('admin').get(`/api/candidates/${candidateId}/erasures`).expect(200)).body.map((item: { id: string }) => item.id)).toEqual([record.id]);
    const exported = (await api('recruiter').get(`/api/candidates/${candidateId}/data-export`).expect(200)).body;
    expect(exported.erasures.map((item: { id: string }) => item.id)).toEqual([record.id]);
  });

  it('deletes: 0 hits, no row left that names the candidate, their loops or scorecards; the records of others stay', async () => {
    const person = distinctivePerson();
    const { candidateId, decided, open, exportIds } = await seed(person, 1);
    const bystander = await createCandidate(api('recruiter'), { name: 'Someone Else' });
    const count = async (sql: string, params: unknown[]): Promise<number> => (await suite.testApp.dataSource.query(sql, params))[0].count;
    const loopIds = [decided.id, open.id];
    const scorecardsBefore = await count(`SELECT count(*)::int AS count FROM scorecards WHERE organization_id = $1`, [suite.team.organization.id]);

    const record = (await api('admin').post(`/api/candidates/${candidateId}/erasure`).send({ mode: 'delete', reason: 'Art. 17 request, delete' }).expect(201)).body;
    expect(record).toEqual(expect.objectContaining({ mode: 'delete', candidateId }));

    expect(hitsInDatabase(person)).toBe(0);
    expect(await hitsInFiles(person)).toBe(0);
    await api('recruiter').get(`/api/candidates/${candidateId}`).expect(404);
    await api('recruiter').get(`/api/loops/${decided.id}`).expect(404);
    await api('recruiter').get(`/api/candidates/${bystander}`).expect(200);
    const orphans = {
      candidates: await count(`SELECT count(*)::int AS count FROM candidates WHERE id = $1`, [candidateId]),
      conflicts: await count(`SELECT count(*)::int AS count FROM candidate_conflicts WHERE candidate_id = $1`, [candidateId]),
      loops: await count(`SELECT count(*)::int AS count FROM loops WHERE id = ANY($1::uuid[]) OR candidate_id = $2`, [loopIds, candidateId]),
      rounds: await count(`SELECT count(*)::int AS count FROM loop_rounds WHERE loop_id = ANY($1::uuid[])`, [loopIds]),
      roundQuestions: await count(`SELECT count(*)::int AS count FROM round_questions WHERE loop_id = ANY($1::uuid[])`, [loopIds]),
      scorecards: await count(`SELECT count(*)::int AS count FROM scorecards WHERE loop_id = ANY($1::uuid[])`, [loopIds]),
      amendments: await count(`SELECT count(*)::int AS count FROM scorecard_amendments WHERE loop_id = ANY($1::uuid[])`, [loopIds]),
      decisions: await count(`SELECT count(*)::int AS count FROM loop_decisions WHERE loop_id = ANY($1::uuid[])`, [loopIds]),
      exposures: await count(`SELECT count(*)::int AS count FROM question_exposures WHERE candidate_id = $1 OR loop_id = ANY($2::uuid[])`, [candidateId, loopIds]),
      exportLists: await count(`SELECT count(*)::int AS count FROM packet_exports WHERE loop_ids && $1::uuid[]`, [loopIds]),
    };
    expect(orphans).toEqual({ candidates: 0, conflicts: 0, loops: 0, rounds: 0, roundQuestions: 0, scorecards: 0, amendments: 0, decisions: 0, exposures: 0, exportLists: 0 });
    expect(await count(`SELECT count(*)::int AS count FROM scorecards WHERE organization_id = $1`, [suite.team.organization.id])).toBe(scorecardsBefore - 1);
    for (const id of exportIds) expect((await api('recruiter').get(`/api/exports/${id}`).expect(200)).body.status).toBe('expired');
    // The record of the erasure outlives the candidate.
    expect((await api('admin').get(`/api/candidates/${candidateId}/erasures`).expect(200)).body.map((item: { id: string }) => item.id)).toEqual([record.id]);
  });

  it('refuses both modes while the candidate is on legal hold (409 LEGAL_HOLD); only admins and recruiters set it', async () => {
    const candidateId = await createCandidate(api('recruiter'), { name: 'Held Candidate' });
    await api('hiringManager').patch(`/api/candidates/${candidateId}`).send({ legalHold: true }).expect(403);
    await api('recruiter').patch(`/api/candidates/${candidateId}`).send({ legalHold: 'yes' }).expect(400);
    const held = (await api('recruiter').patch(`/api/candidates/${candidateId}`).send({ legalHold: true }).expect(200)).body;
    expect(held.legalHold).toBe(true);
    for (const mode of ['anonymize', 'delete']) {
      const refused = await api('admin').post(`/api/candidates/${candidateId}/erasure`).send({ mode, reason: 'request' }).expect(409);
      expect(refused.body.code).toBe('LEGAL_HOLD');
    }
    expect((await api('recruiter').get(`/api/candidates/${candidateId}`).expect(200)).body.name).toBe('Held Candidate');
    await api('admin').patch(`/api/candidates/${candidateId}`).send({ legalHold: false }).expect(200);
    await api('admin').post(`/api/candidates/${candidateId}/erasure`).send({ mode: 'delete', reason: 'request' }).expect(201);
    await api('admin').get(`/api/candidates/${candidateId}`).expect(404);
    await suite.testApp.http().post(`/api/candidates/${randomUUID()}/erasure`).send({ reason: 'x' }).expect(401);
  });
});

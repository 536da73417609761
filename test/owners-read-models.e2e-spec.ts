import { UsersService } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import { SqlParams } from '@loopwright/database';
import { PillarsService, QuestionsService, type CatalogPillar, type CatalogRefs } from '@loopwright/question-bank';
import { ScorecardsService } from '@loopwright/scorecards';
import { qualify, statementsDuring, teamSuite, timeSlot } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';

const BASE = Date.UTC(2025, 2, 3);

/** Thrown to undo a test's writes: what `rolledBack` runs sees them, nothing after it does. */
class Undo extends Error {}

async function rolledBack(dataSource: DataSource, run: (manager: EntityManager) => Promise<void>): Promise<void> {
  await expect(
    dataSource.transaction(async (manager) => {
      await run(manager);
      throw new Undo();
    }),
  ).rejects.toBeInstanceOf(Undo);
}

/** The version an owner's SQL expression gives, alone in a statement. */
async function versionIn(manager: EntityManager, expression: (params: SqlParams) => string): Promise<string | null> {
  const params = new SqlParams();
  const [row] = await manager.query<{ version: string | null }[]>(`SELECT ${expression(params)} AS version`, params.values);
  return row!.version;
}

/** The statements `run` issues, in order, and what it answered. */
async function statementsOf<T>(run: () => Promise<T>): Promise<{ result: T; statements: string[] }> {
  let result: T | undefined;
  const statements = await statementsDuring(async () => {
    result = await run();
  });
  return { result: result as T, statements };
}

/**
 * What the owners of tables answer the features above them (a loop's detail, its packet), each in one statement and
 * within the organization only: identity's directory and profiles, the question bank's catalog, the loop for a
 * report, the scorecards' record of a loop.
 */
describe('owners: the bulk reads other features go through', () => {
  const suite = teamSuite(
    { admin: ['admin'], hiringManager: ['hiring_manager'], grace: ['interviewer'], trainee: ['interviewer'], idle: ['interviewer'] },
    { other: { admin: ['admin'], interviewer: ['interviewer'] } },
  );
  const { api, user } = suite;
  let loopId: string;
  let coding: { id: string; questionIds: string[] };

  /** A question of the other organization. */
  const otherOrganizationsQuestion = async (): Promise<{ id: string }> =>
    (await suite.testApp.dataSource.query<{ id: string }[]>('SELECT id FROM questions WHERE organization_id = $1 LIMIT 1', [suite.other.organization.id]))[0]!;

  beforeAll(async () => {
    await qualify(api('admin'), suite.pillars, [user('grace')]);
    await qualify(api('admin'), suite.pillars, [user('trainee')], 'shadow');
    await api('admin')
      .patch(`/api/users/${user('idle')}`)
      .send({ active: false })
      .expect(200);
    const positionId = (
      await api('admin')
        .post('/api/positions')
        .send({ title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: user('hiringManager') })
        .expect(201)
    ).body.id;
    const templateId = (
      await api('admin')
        .post('/api/loop-templates')
        .send({
          name: `One round ${randomUUID().slice(0, 6)}`,
          rounds: [{ title: 'Coding', durationMinutes: 60, pillarIds: [suite.pillars.coding], questionCount: 1 }],
        })
        .expect(201)
    ).body.id;
    const candidateId = (
      await api('admin')
        .post('/api/candidates')
        .send({ name: 'Ada Lovelace', email: `ada.${randomUUID().slice(0, 8)}@example.test` })
        .expect(201)
    ).body.id;
    const loop = (await api('admin').post('/api/loops').send({ candidateId, positionId, templateId }).expect(201)).body as {
      id: string;
      rounds: { id: string; questionIds: string[] }[];
    };
    loopId = loop.id;
    coding = loop.rounds[0]!;
    await api('admin')
      .patch(`/api/loops/${loopId}/rounds/${coding.id}`)
      .send({ interviewerId: user('grace'), shadowInterviewerIds: [user('trainee')], ...timeSlot(BASE, 0, 9) })
      .expect(200);
    for (const [key, rating] of [
      ['grace', 'yes'],
      ['trainee', 'no'],
    ] as const) {
      const draft = await api(key).get(`/api/rounds/${coding.id}/scorecard`).expect(200);
      const saved = await api(key)
        .put(`/api/rounds/${coding.id}/scorecard`)
        .send({
          version: draft.body.version,
          ratings: [{ pillarId: suite.pillars.coding, rating, notes: `Notes of ${key}` }],
          questionsAsked: [{ questionId: coding.questionIds[0], notes: 'Asked it' }],
          recommendation: rating,
          summary: 'Clean, tested code; explained the trade-offs.',
        })
        .expect(200);
      await api(key).post(`/api/rounds/${coding.id}/scorecard/submit`).send({ version: saved.body.version }).expect(200);
    }
    await api('grace')
      .post(`/api/rounds/${coding.id}/scorecard/amendments`)
      .send({
        reason: 'Checked against the rubric',
        ratings: [{ pillarId: suite.pillars.coding, rating: 'strong_yes', notes: 'Notes of grace' }],
      })
      .expect(201);
  });

  it('identity: the organization’s name with its users’ names, and profiles with qualifications, one statement each', async () => {
    const users = suite.testApp.app.get(UsersService);
    const { result: directory, statements } = await statementsOf(() =>
      users.directory(suite.team.organization.id, [user('grace'), user('grace'), suite.other.users.admin!.id, randomUUID()]),
    );
    expect(statements).toHaveLength(1);
    expect(directory?.organizationName).toBe(suite.team.organization.name);
    expect(Object.fromEntries(directory!.names)).toEqual({ [user('grace')]: suite.team.users.grace!.name });
    expect(await users.directory(randomUUID(), [user('grace')])).toBeNull();

    const manager = suite.testApp.dataSource.manager;
    const [grace] = await users.profilesByIds(manager, suite.team.organization.id, [user('grace'), suite.other.users.interviewer!.id]);
    expect(grace).toMatchObject({ id: user('grace'), active: true, roles: ['interviewer'], timezone: 'UTC' });
    expect(grace!.levels).toEqual(Object.fromEntries(Object.values(suite.pillars).map((id) => [id, 'qualified'])));
    const active = (await users.activeInterviewerProfiles(manager, suite.team.organization.id)).map((profile) => profile.id);
    expect(active.sort()).toEqual([user('grace'), user('trainee')].sort());
  });

  it('question bank: the organization’s pillars in order with the questions and versions asked for, in one statement', async () => {
    const questions = suite.testApp.app.get(QuestionsService);
    const theirs = await otherOrganizationsQuestion();
    const questionId = coding.questionIds[0]!;
    const { result: catalog, statements } = await statementsOf(() =>
      questions.catalog(suite.team.organization.id, {
        questionIds: [questionId, theirs.id],
        versions: [
          { questionId, version: 1 },
          { questionId, version: 99 },
          { questionId: theirs.id, version: 1 },
        ],
      }),
    );
    expect(statements).toHaveLength(1);
    const inOrder = (await api('admin').get('/api/pillars').expect(200)).body as { id: string }[];
    expect(catalog.pillars.map((pillar) => pillar.id)).toEqual(inOrder.map((pillar) => pillar.id));
    expect(catalog.questions).toEqual([
      expect.objectContaining({ id: questionId, pillarId: suite.pillars.coding, status: 'active', currentVersion: 1 }),
    ]);
    expect(catalog.versions).toEqual([
      expect.objectContaining({ questionId, version: 1, pillarId: suite.pillars.coding, prompt: expect.any(String) }),
    ]);
    expect(catalog.versions[0]!.createdAt).toBeInstanceOf(Date);
  });

  it('question bank: catalogSql gives, inside the caller’s statement, the pillars and questions catalog gives', async () => {
    const questions = suite.testApp.app.get(QuestionsService);
    const theirs = await otherOrganizationsQuestion();
    const wanted = [coding.questionIds[0]!, coding.questionIds[0]!, theirs.id, randomUUID()];
    const params = new SqlParams();
    const [row] = await suite.testApp.dataSource.query<{ catalog: CatalogRefs; none: CatalogRefs }[]>(
      `SELECT ${questions.catalogSql(params, suite.team.organization.id, wanted)} AS catalog,
              ${questions.catalogSql(params, suite.other.organization.id, [])} AS none`,
      params.values,
    );
    const catalog = await questions.catalog(suite.team.organization.id, { questionIds: wanted });
    expect(row!.catalog).toEqual({ pillars: catalog.pillars, questions: catalog.questions });
    expect(row!.catalog.questions).toEqual([
      { id: coding.questionIds[0], pillarId: suite.pillars.coding, status: 'active', currentVersion: 1, title: expect.any(String) },
    ]);
    expect(row!.none.questions).toEqual([]);
    expect(row!.none.pillars.length).toBeGreaterThan(0);
    expect(row!.none.pillars.map((pillar) => pillar.id)).not.toContain(suite.pillars.coding);
  });

  it('question bank: pillarsSql gives, per row of the caller’s statement, the organization’s pillars among the row’s ids in order', async () => {
    const pillars = suite.testApp.app.get(PillarsService);
    const ordered = await pillars.listInOrg(suite.team.organization.id);
    const theirs = (await pillars.listInOrg(suite.other.organization.id))[0]!;
    // Rows of the caller's own, their ids out of order, repeated, another organization's pillar, an unknown one; or none.
    const params = new SqlParams();
    const result = await suite.testApp.dataSource.query<{ n: number; pillars: CatalogPillar[] }[]>(
      `SELECT t.n, ${pillars.pillarsSql(params, suite.team.organization.id, 't.ids')} AS pillars
         FROM (VALUES (1, ${params.add([suite.pillars.coding, suite.pillars.foundations, suite.pillars.coding, theirs.id, randomUUID()])}::uuid[]),
                      (2, ${params.add([])}::uuid[])) AS t(n, ids)
        ORDER BY t.n`,
      params.values,
    );
    const expected = ordered
      .filter((pillar) => [suite.pillars.coding, suite.pillars.foundations].includes(pillar.id))
      .map(({ id, key, name, description }) => ({ id, key, name, description }));
    expect(expected.map((pillar) => pillar.key).sort()).toEqual(['coding', 'foundations']);
    expect(result).toEqual([
      { n: 1, pillars: expected },
      { n: 2, pillars: [] },
    ]);
  });

  it('loops: the loop for a report with its rounds and seats, in one statement; null for another organization', async () => {
    const loops = suite.testApp.app.get(LoopsService);
    const { result: loop, statements } = await statementsOf(() => loops.loopForReport(suite.team.organization.id, loopId));
    expect(statements).toHaveLength(1);
    expect(loop).toMatchObject({
      id: loopId,
      // The round ended in 2025, so a scheduled loop reads as in review (effectiveStatus).
      status: 'in_review',
      candidate: { name: 'Ada Lovelace' },
      position: { title: 'AI Engineer', level: 'senior', roleFamily: 'ai_engineer', hiringManagerId: user('hiringManager') },
      rounds: [{ id: coding.id, title: 'Coding', pillarIds: [suite.pillars.coding], interviewerId: user('grace'), shadowIds: [user('trainee')] }],
    });
    expect(await loops.loopForReport(suite.other.organization.id, loopId)).toBeNull();
  });

  it('scorecards: the loop’s record, submitted scorecards with amendments and effective values, in one statement', async () => {
    const scorecards = suite.testApp.app.get(ScorecardsService);
    const { result: record, statements } = await statementsOf(() =>
      scorecards.loopRecord(suite.team.organization.id, loopId, { includeShadows: false }),
    );
    expect(statements).toHaveLength(1);
    expect(record.decision).toBeNull();
    expect(record.scorecards).toHaveLength(1);
    const [card] = record.scorecards;
    expect(card).toMatchObject({ roundId: coding.id, authorId: user('grace'), shadow: false, recommendation: 'yes' });
    expect(card!.ratings).toEqual([{ pillarId: suite.pillars.coding, rating: 'yes', notes: 'Notes of grace' }]);
    expect(card!.amendments).toEqual([
      expect.objectContaining({ sequence: 1, reason: 'Checked against the rubric', at: expect.any(Date) }),
    ]);
    expect(card!.effective.ratings).toEqual([{ pillarId: suite.pillars.coding, rating: 'strong_yes', notes: 'Notes of grace' }]);
    expect(card!.effective.recommendation).toBe('yes');
    expect(card!.submittedAt).toBeInstanceOf(Date);

    const withShadows = await scorecards.loopRecord(suite.team.organization.id, loopId, { includeShadows: true });
    expect(withShadows.scorecards.map((item) => [item.authorId, item.shadow])).toEqual([
      [user('grace'), false],
      [user('trainee'), true],
    ]);
    expect((await scorecards.loopRecord(suite.other.organization.id, loopId, { includeShadows: true })).scorecards).toEqual([]);

    await api('hiringManager').post(`/api/loops/${loopId}/decision`).send({ decision: 'hire', note: 'Strong on every pillar' }).expect(200);
    const decided = await scorecards.loopRecord(suite.team.organization.id, loopId, { includeShadows: false });
    expect(decided.decision).toEqual({ decision: 'hire', note: 'Strong on every pillar', decidedAt: expect.any(Date) });
  });

  /**
   * A version of a read is that of exactly the rows it returns: the same while they are (undone writes included), another
   * after any write to them, by any path (plain SQL here), none for another organization's loop; the read with its
   * version is one statement and gives what the read alone gives.
   */
  describe('versions of the reads', () => {
    const organizationId = (): string => suite.team.organization.id;
    const dataSource = (): DataSource => suite.testApp.dataSource;

    it('loops: the loop for a report, its candidate, position, rounds and seats', async () => {
      const loops = suite.testApp.app.get(LoopsService);
      const version = (manager: EntityManager = dataSource().manager, org = organizationId()) =>
        versionIn(manager, (params) => loops.loopForReportVersionSql(params, org, loopId));
      const { result: read, statements } = await statementsOf(() => loops.versionedLoopForReport(organizationId(), loopId, dataSource().manager));
      expect(statements).toHaveLength(1);
      expect(read!.report).toEqual(await loops.loopForReport(organizationId(), loopId));
      const before = read!.version;
      expect(before).toMatch(/^[A-Za-z0-9+/]{43}=$/);
      expect(await version()).toBe(before);

      const changes: [string, unknown[]][] = [
        ['UPDATE candidates SET name = $2 WHERE id = $1', [read!.report.candidate.id, 'Ada King']],
        ['UPDATE positions SET hiring_manager_id = $2 WHERE id = $1', [read!.report.position.id, user('admin')]],
        ['UPDATE loop_rounds SET interviewer_id = NULL WHERE id = $1', [coding.id]],
        ['UPDATE loops SET status = $2 WHERE id = $1', [loopId, 'cancelled']],
        ['DELETE FROM round_shadows WHERE round_id = $1', [coding.id]],
        ['INSERT INTO round_shadows (round_id, user_id, organization_id) VALUES ($1, $2, $3)', [coding.id, user('idle'), organizationId()]],
        ['DELETE FROM round_questions WHERE round_id = $1', [coding.id]],
      ];
      for (const [statement, values] of changes)
        await rolledBack(dataSource(), async (manager) => {
          await manager.query(statement, values);
          expect({ statement, changed: (await version(manager)) !== before }).toEqual({ statement, changed: true });
        });
      expect(await version()).toBe(before);
      expect(await version(dataSource().manager, suite.other.organization.id)).toBeNull();
    });

    it('scorecards: the loop’s record, with or without shadows', async () => {
      const scorecards = suite.testApp.app.get(ScorecardsService);
      const version = (manager: EntityManager = dataSource().manager, includeShadows = false) =>
        versionIn(manager, (params) => scorecards.loopRecordVersionSql(params, organizationId(), loopId, { includeShadows }));
      const { result: read, statements } = await statementsOf(() =>
        scorecards.versionedLoopRecord(organizationId(), loopId, { includeShadows: false }, dataSource().manager),
      );
      expect(statements).toHaveLength(1);
      expect(read.record).toEqual(await scorecards.loopRecord(organizationId(), loopId, { includeShadows: false }));
      const before = read.version;
      expect(await version()).toBe(before);
      expect(await version(dataSource().manager, true)).not.toBe(before);

      const changes: [string, unknown[]][] = [
        ['UPDATE scorecards SET summary = $2 WHERE round_id = $1 AND NOT shadow', [coding.id, 'Rewritten by another path']],
        ['UPDATE scorecard_amendments SET reason = $2 WHERE organization_id = $1', [organizationId(), 'Another reason']],
        ['DELETE FROM scorecard_amendments WHERE organization_id = $1', [organizationId()]],
        ['DELETE FROM loop_decisions WHERE loop_id = $1', [loopId]],
      ];
      for (const [statement, values] of changes)
        await rolledBack(dataSource(), async (manager) => {
          await manager.query(statement, values);
          expect({ statement, changed: (await version(manager)) !== before }).toEqual({ statement, changed: true });
        });
      // A shadow's scorecard is not in the record without shadows: changing it leaves that version.
      await rolledBack(dataSource(), async (manager) => {
        await manager.query('UPDATE scorecards SET summary = $2 WHERE round_id = $1 AND shadow', [coding.id, 'A trainee’s second thoughts']);
        expect(await version(manager)).toBe(before);
      });
      expect(await version()).toBe(before);
    });

    it('identity: the directory of the people asked for', async () => {
      const users = suite.testApp.app.get(UsersService);
      const people = [user('grace'), user('hiringManager')];
      const version = (manager: EntityManager = dataSource().manager, ids = people) =>
        versionIn(manager, (params) => users.directoryVersionSql(params, organizationId(), ids));
      const { result: read, statements } = await statementsOf(() => users.versionedDirectory(organizationId(), people, dataSource().manager));
      expect(statements).toHaveLength(1);
      expect(read.directory).toEqual(await users.directory(organizationId(), people));
      const before = read.version;
      expect(await version()).toBe(before);
      expect(await version(dataSource().manager, [...people].reverse())).toBe(before);
      expect(await version(dataSource().manager, [user('grace')])).not.toBe(before);

      for (const [statement, values] of [
        ['UPDATE users SET name = $2 WHERE id = $1', [user('grace'), 'Grace B. Hopper']],
        ['UPDATE organizations SET name = $2 WHERE id = $1', [organizationId(), 'Renamed organization']],
      ] as [string, unknown[]][])
        await rolledBack(dataSource(), async (manager) => {
          await manager.query(statement, values);
          expect({ statement, changed: (await version(manager)) !== before }).toEqual({ statement, changed: true });
        });
      // Someone else renamed: not in this directory.
      await rolledBack(dataSource(), async (manager) => {
        await manager.query('UPDATE users SET name = $2 WHERE id = $1', [user('idle'), 'Someone else']);
        expect(await version(manager)).toBe(before);
      });
      expect(await versionIn(dataSource().manager, (params) => users.directoryVersionSql(params, randomUUID(), people))).toBeNull();
    });

    it('question bank: the pillars and the question versions asked for', async () => {
      const questions = suite.testApp.app.get(QuestionsService);
      const asked = [{ questionId: coding.questionIds[0]!, version: 1 }];
      const version = (manager: EntityManager = dataSource().manager) =>
        versionIn(manager, (params) => questions.catalogVersionSql(params, organizationId(), { versions: asked }));
      const { result: read, statements } = await statementsOf(() => questions.versionedCatalog(organizationId(), { versions: asked }, dataSource().manager));
      expect(statements).toHaveLength(1);
      expect(read.catalog).toEqual(await questions.catalog(organizationId(), { versions: asked }));
      const before = read.version;
      expect(await version()).toBe(before);

      for (const [statement, values] of [
        ['UPDATE pillars SET name = $2 WHERE id = $1', [suite.pillars.coding, 'Coding, renamed']],
        ['UPDATE questions SET title = $2 WHERE id = $1', [asked[0]!.questionId, 'Retitled']],
        ['UPDATE question_versions SET prompt = $2 WHERE question_id = $1 AND number = 1', [asked[0]!.questionId, 'Another prompt']],
      ] as [string, unknown[]][])
        await rolledBack(dataSource(), async (manager) => {
          await manager.query(statement, values);
          expect({ statement, changed: (await version(manager)) !== before }).toEqual({ statement, changed: true });
        });
      expect(await version()).toBe(before);
    });
  });
});

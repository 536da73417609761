import { QuestionsService } from '@loopwright/question-bank';
import { createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** What other features ask the question bank for instead of reading its tables. */
describe('question bank: questions by id for other features', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let other: TestTeam;

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, other] = await Promise.all([createTeam(testApp, { admin: ['admin'] }), createTeam(testApp, { admin: ['admin'] })]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('gives title, pillar, status and current version of the organization’s questions only', async () => {
    const questionIn = async (organizationId: string): Promise<{ id: string; title: string; pillar_id: string; current_version: number }> =>
      (
        await testApp.dataSource.query(
          'SELECT id, title, pillar_id, current_version FROM questions WHERE organization_id = $1 ORDER BY id LIMIT 1',
          [organizationId],
        )
      )[0];
    const mine = await questionIn(team.organization.id);
    const theirs = await questionIn(other.organization.id);
    await testApp.dataSource.query(`UPDATE questions SET status = 'retired' WHERE id = $1`, [mine.id]);
    const refs = await testApp.app
      .get(QuestionsService)
      .refsByIds(testApp.dataSource.manager, team.organization.id, [mine.id, mine.id, theirs.id, randomUUID()]);
    expect(refs).toEqual([
      { id: mine.id, title: mine.title, pillarId: mine.pillar_id, status: 'retired', currentVersion: mine.current_version },
    ]);
  });
});

import { QuestionsService } from '@loopwright/question-bank';
import { teamSuite } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** What other features ask the question bank for instead of reading its tables. */
describe('question bank: questions by id for other features', () => {
  const suite = teamSuite({ admin: ['admin'] }, { other: { admin: ['admin'] } });

  it('gives title, pillar, status and current version of the organization’s questions only', async () => {
    const questionIn = async (organizationId: string): Promise<{ id: string; title: string; pillar_id: string; current_version: number }> =>
      (
        await suite.testApp.dataSource.query(
          'SELECT id, title, pillar_id, current_version FROM questions WHERE organization_id = $1 ORDER BY id LIMIT 1',
          [organizationId],
        )
      )[0];
    const mine = await questionIn(suite.team.organization.id);
    const theirs = await questionIn(suite.other.organization.id);
    await suite.testApp.dataSource.query(`UPDATE questions SET status = 'retired' WHERE id = $1`, [mine.id]);
    const refs = await suite.testApp.app
      .get(QuestionsService)
      .refsByIds(suite.testApp.dataSource.manager, suite.team.organization.id, [mine.id, mine.id, theirs.id, randomUUID()]);
    expect(refs).toEqual([
      { id: mine.id, title: mine.title, pillarId: mine.pillar_id, status: 'retired', currentVersion: mine.current_version },
    ]);
  });
});

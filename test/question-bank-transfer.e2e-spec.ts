import { parseCsv } from '@loopwright/question-bank';
import { as, auditActions, createTeam, createTestApp, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const rubric = { strong_no: 'Nothing.', no: 'Little.', yes: 'Solid.', strong_yes: 'Deep.' };

describe('question bank: import and export', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let target: TestTeam;

  const row = (overrides: Record<string, unknown> = {}): Record<string, unknown> => ({
    pillar: 'coding',
    title: `Imported ${randomUUID().slice(0, 8)}`,
    prompt: 'Write a function that deduplicates a stream.',
    rubric,
    followUps: ['What if it does not fit in memory?'],
    tags: ['streams'],
    difficulty: 3,
    roles: ['ai_engineer'],
    ...overrides,
  });
  const countQuestions = async (organizationId: string): Promise<number> =>
    (await testApp.dataSource.query('SELECT count(*)::int AS count FROM questions WHERE organization_id = $1', [organizationId]))[0].count;

  beforeAll(async () => {
    testApp = await createTestApp();
    [team, target] = await Promise.all([
      createTeam(testApp, { admin: ['admin'], hiringManager: ['hiring_manager'], interviewer: ['interviewer'] }),
      createTeam(testApp, { admin: ['admin'] }),
    ]);
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('imports every row, naming pillars by key or id, in one audited transaction', async () => {
    const { body: pillars } = await as(testApp, team.users.admin).get('/api/pillars').expect(200);
    const rows = [
      row(),
      row({ pillar: undefined, pillarId: pillars[0].id }),
      row({ pillar: 'behavioral', followUps: undefined, tags: undefined, roles: undefined }),
    ];
    const response = await as(testApp, team.users.hiringManager).post('/api/questions/import').send(rows).expect(201);
    expect(response.body).toEqual({ imported: 3, ids: [expect.any(String), expect.any(String), expect.any(String)] });
    const third = await as(testApp, team.users.interviewer).get(`/api/questions/${response.body.ids[2]}`).expect(200);
    expect(third.body).toMatchObject({
      pillarKey: 'behavioral',
      title: rows[2]?.title,
      version: 1,
      followUps: [],
      tags: [],
      roles: [],
      authorId: team.users.hiringManager.id,
    });
    const second = await as(testApp, team.users.interviewer).get(`/api/questions/${response.body.ids[1]}`).expect(200);
    expect(second.body.pillarId).toBe(pillars[0].id);
    expect((await auditActions(testApp, team.organization.id))[0]).toBe('questions.imported');
  });

  it('imports nothing when any row is invalid, and names every problem by row index', async () => {
    const before = await countQuestions(team.organization.id);
    const auditBefore = await auditActions(testApp, team.organization.id);
    const rows = [
      row(),
      row({ pillar: 'no-such-pillar' }),
      row(),
      row({ rubric: { strong_no: 'a', yes: 'b', strong_yes: 'c' } }),
      row({ difficulty: 9, extra: 'field' }),
      row({ pillar: undefined }),
      'not an object',
    ];
    const response = await as(testApp, team.users.admin).post('/api/questions/import').send(rows).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.details.fields.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['1.pillar', '3.rubric.no', '4.difficulty', '4.extra', '5.pillar', '6']));
    expect(fields.some((field: string) => /^[02]\./.test(field))).toBe(false);
    expect(await countQuestions(team.organization.id)).toBe(before);
    expect(await auditActions(testApp, team.organization.id)).toEqual(auditBefore);

    for (const body of [{ not: 'an array' }, 'text']) {
      const notArray = await as(testApp, team.users.admin).post('/api/questions/import').send(body).expect(400);
      expect(notArray.body.code).toMatch(/VALIDATION_FAILED|BAD_JSON/);
    }
  });

  it('does not let a row name another organization’s pillar', async () => {
    const { body: theirs } = await as(testApp, target.users.admin).get('/api/pillars').expect(200);
    const response = await as(testApp, team.users.admin)
      .post('/api/questions/import')
      .send([row({ pillar: undefined, pillarId: theirs[0].id })])
      .expect(400);
    expect(response.body.details.fields).toEqual([{ field: '0.pillarId', problems: [expect.any(String)] }]);
  });

  it('exports JSON that imports back to the same questions', async () => {
    const key = `trip-${randomUUID().slice(0, 6)}`;
    for (const owner of [team, target])
      await as(testApp, owner.users.admin).post('/api/pillars').send({ key, name: 'Round trip' }).expect(201);
    const rows = [
      row({ pillar: key, title: 'First, with "quotes"', prompt: '# Heading\n\n- a list\n- with `code`', tags: ['a', 'b'], roles: [] }),
      row({ pillar: key, title: 'Second', followUps: ['One?', 'Two, three?'], roles: ['ai_engineer', 'ml_engineer'] }),
    ];
    await as(testApp, team.users.admin).post('/api/questions/import').send(rows).expect(201);

    const exported = await as(testApp, team.users.hiringManager).get(`/api/questions/export?pillar=${key}`).expect(200);
    expect(exported.body).toEqual(rows.map((item) => ({ ...item })));
    await as(testApp, target.users.admin).post('/api/questions/import').send(exported.body).expect(201);
    const reexported = await as(testApp, target.users.admin).get(`/api/questions/export?pillar=${key}`).expect(200);
    expect(reexported.body).toEqual(exported.body);

    const everything = await as(testApp, target.users.admin).get('/api/questions/export').expect(200);
    expect(everything.body.length).toBeGreaterThanOrEqual(50);
  });

  it('exports CSV with RFC 4180 quoting of commas, quotes and line breaks', async () => {
    const key = `csv-${randomUUID().slice(0, 6)}`;
    await as(testApp, team.users.admin).post('/api/pillars').send({ key, name: 'CSV' }).expect(201);
    const tricky = row({
      pillar: key,
      title: 'Commas, "quoted" words, and more',
      prompt: 'Line one\nLine two, with a comma\n\n"Quoted line"',
      rubric: { ...rubric, yes: 'Says "yes", then explains' },
      followUps: ['First?', 'Second, longer?'],
      tags: ['csv', 'quoting'],
      roles: ['ai_engineer', 'ml_engineer'],
    });
    await as(testApp, team.users.admin).post('/api/questions/import').send([tricky]).expect(201);

    const response = await as(testApp, team.users.admin).get(`/api/questions/export?format=csv&pillar=${key}`).expect(200);
    expect(response.headers['content-type']).toMatch(/^text\/csv/);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="questions-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(response.text).toContain('"Commas, ""quoted"" words, and more"');
    expect(response.text).toContain('\r\n');
    const [header, line, ...rest] = parseCsv(response.text);
    expect(rest).toEqual([]);
    expect(header).toEqual([
      'pillar',
      'title',
      'prompt',
      'rubric_strong_no',
      'rubric_no',
      'rubric_yes',
      'rubric_strong_yes',
      'followUps',
      'tags',
      'difficulty',
      'roles',
    ]);
    expect(line).toEqual([
      key,
      tricky.title,
      tricky.prompt,
      rubric.strong_no,
      rubric.no,
      'Says "yes", then explains',
      rubric.strong_yes,
      'First?\nSecond, longer?',
      'csv|quoting',
      '3',
      'ai_engineer|ml_engineer',
    ]);
  });
});

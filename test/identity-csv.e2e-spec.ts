import { parseCsv } from '@loopwright/question-bank';
import { as, createCandidateLoop, createLoopTemplate, createPosition, createTeam, createTestApp, patchRound, submitScorecard, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

/** Every start of a cell that a spreadsheet runs as a formula. */
const FORMULAS = ['=1+1', '+1+1', '-1+1', '@SUM(A1)', '\t=1+1', '\r=1+1'];

describe('CSV exports: no formula reaches a spreadsheet', () => {
  let testApp: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'], recruiter: ['recruiter'], hiringManager: ['hiring_manager'], interviewer: ['interviewer'] });
  });

  afterAll(async () => {
    await testApp.close();
  });

  const api = (key: string) => as(testApp, team.users[key]!);

  it('escapes each formula prefix in the question export', async () => {
    const key = `formulas-${randomUUID().slice(0, 6)}`;
    await api('admin').post('/api/pillars').send({ key, name: 'Formulas' }).expect(201);
    const rows = FORMULAS.map((formula, index) => ({
      pillar: key,
      title: `Formula ${index}`,
      prompt: `${formula} prompt`,
      rubric: { strong_no: `${formula} a`, no: 'Little.', yes: 'Solid.', strong_yes: 'Deep.' },
      followUps: [`${formula} follow-up`],
      tags: ['formulas'],
      difficulty: 3,
      roles: ['ai_engineer'],
    }));
    await api('admin').post('/api/questions/import').send(rows).expect(201);

    const response = await api('admin').get(`/api/questions/export?format=csv&pillar=${key}`).expect(200);
    const [header, ...lines] = parseCsv(response.text);
    const column = (name: string): number => header!.indexOf(name);
    expect(lines).toHaveLength(FORMULAS.length);
    const prompts = lines.map((line) => line[column('prompt')]);
    expect(prompts.sort()).toEqual(FORMULAS.map((formula) => `'${formula} prompt`).sort());
    for (const line of lines) {
      expect(line[column('rubric_strong_no')]).toMatch(/^'/);
      expect(line[column('followUps')]).toMatch(/^'/);
      expect(line[column('title')]).toMatch(/^Formula \d$/);
    }
  });

  it('escapes each formula prefix in the loop and position scorecard CSVs', async () => {
    const user = (key: string): string => team.users[key]!.id;
    const existing = ((await api('admin').get('/api/pillars').expect(200)).body as { id: string }[]).map((pillar) => pillar.id);
    const extra: string[] = [];
    for (let index = existing.length; index < FORMULAS.length; index += 1) {
      extra.push((await api('admin').post('/api/pillars').send({ key: `extra-${index}-${randomUUID().slice(0, 4)}`, name: `Extra ${index}` }).expect(201)).body.id);
    }
    const pillarIds = [...existing, ...extra].slice(0, FORMULAS.length);
    await api('admin')
      .put(`/api/users/${user('interviewer')}/qualifications`)
      .send(pillarIds.map((pillarId) => ({ pillarId, level: 'qualified' })))
      .expect(200);
    const positionId = await createPosition(api('admin'), { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: user('hiringManager') });
    const templateId = (await createLoopTemplate(api('admin'), [{ title: 'Everything', pillarIds, questionCount: 0 }], 'One round')).id;
    const loop = await createCandidateLoop(api('recruiter'), { name: 'Alex Kim' }, { positionId, templateId });
    const roundId = loop.rounds[0].id;
    await patchRound(api('recruiter'), loop, 0, { interviewerId: user('interviewer'), startsAt: '2025-01-06T09:00:00.000Z', endsAt: '2025-01-06T10:00:00.000Z' }).expect(200);
    await submitScorecard(api('interviewer'), roundId, {
      ratings: pillarIds.map((pillarId, index) => ({ pillarId, rating: 'yes', notes: `${FORMULAS[index]} notes` })),
      recommendation: 'yes',
      summary: '=HYPERLINK("http://evil.test","click") and a solid candidate',
    });

    for (const url of [`/api/loops/${loop.id}/scorecards?format=csv`, `/api/positions/${positionId}/scorecards?format=csv`]) {
      const response = await api('admin').get(url).expect(200);
      expect(response.headers['content-type']).toMatch(/^text\/csv/);
      const [header, ...lines] = parseCsv(response.text);
      expect(header).toEqual([
        'loopId', 'roundId', 'round', 'interviewer', 'shadow', 'pillar', 'rating', 'submittedRating',
        'notes', 'recommendation', 'summary', 'submittedAt', 'amended', 'amendmentReasons',
      ]);
      const notes = lines.map((line) => line[header!.indexOf('notes')]);
      expect(notes.sort()).toEqual(FORMULAS.map((formula) => `'${formula} notes`).sort());
      for (const line of lines) {
        expect(line[header!.indexOf('summary')]).toBe(`'=HYPERLINK("http://evil.test","click") and a solid candidate`);
        expect(line[header!.indexOf('shadow')]).toBe('false');
      }
    }
  });
});

import { jest } from '@jest/globals';
import { OrganizationsService } from '@loopwright/identity';
import { CSV_COLUMNS, parseCsv, QuestionTransferService } from '@loopwright/question-bank';
import { as, auditActions, teamSuite, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// nest-commander is CommonJS that requires Nest's ES modules, which Jest cannot load: the command runs without its decorators.
jest.unstable_mockModule('nest-commander', () => ({
  Command: () => () => undefined,
  Option: () => () => undefined,
  CommandRunner: class {},
}));
const { ImportQuestionsCommand } = await import('../apps/cli/src/import-questions.command.js');

const rubric = { strong_no: 'Nothing.', no: 'Little.', yes: 'Solid.', strong_yes: 'Deep.' };

describe('question bank: import and export', () => {
  const suite = teamSuite({ admin: ['admin'], hiringManager: ['hiring_manager'], interviewer: ['interviewer'] }, { other: { admin: ['admin'] } });

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
    (await suite.testApp.dataSource.query('SELECT count(*)::int AS count FROM questions WHERE organization_id = $1', [organizationId]))[0].count;

  it('imports every row, naming pillars by key or id, in one audited transaction', async () => {
    const { body: pillars } = await as(suite.testApp, suite.team.users.admin).get('/api/pillars').expect(200);
    const rows = [
      row(),
      row({ pillar: undefined, pillarId: pillars[0].id }),
      row({ pillar: 'behavioral', followUps: undefined, tags: undefined, roles: undefined }),
    ];
    const response = await as(suite.testApp, suite.team.users.hiringManager).post('/api/questions/import').send(rows).expect(201);
    expect(response.body).toEqual({ imported: 3, ids: [expect.any(String), expect.any(String), expect.any(String)] });
    const third = await as(suite.testApp, suite.team.users.interviewer).get(`/api/questions/${response.body.ids[2]}`).expect(200);
    expect(third.body).toMatchObject({
      pillarKey: 'behavioral',
      title: rows[2]?.title,
      version: 1,
      followUps: [],
      tags: [],
      roles: [],
      authorId: suite.team.users.hiringManager.id,
    });
    const second = await as(suite.testApp, suite.team.users.interviewer).get(`/api/questions/${response.body.ids[1]}`).expect(200);
    expect(second.body.pillarId).toBe(pillars[0].id);
    expect((await auditActions(suite.testApp, suite.team.organization.id))[0]).toBe('questions.imported');
  });

  it('imports nothing when any row is invalid, and names every problem by row index', async () => {
    const before = await countQuestions(suite.team.organization.id);
    const auditBefore = await auditActions(suite.testApp, suite.team.organization.id);
    const rows = [
      row(),
      row({ pillar: 'no-such-pillar' }),
      row(),
      row({ rubric: { strong_no: 'a', yes: 'b', strong_yes: 'c' } }),
      row({ difficulty: 9, extra: 'field' }),
      row({ pillar: undefined }),
      'not an object',
    ];
    const response = await as(suite.testApp, suite.team.users.admin).post('/api/questions/import').send(rows).expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
    const fields = response.body.details.fields.map((problem: { field: string }) => problem.field);
    expect(fields).toEqual(expect.arrayContaining(['1.pillar', '3.rubric.no', '4.difficulty', '4.extra', '5.pillar', '6']));
    expect(fields.some((field: string) => /^[02]\./.test(field))).toBe(false);
    expect(await countQuestions(suite.team.organization.id)).toBe(before);
    expect(await auditActions(suite.testApp, suite.team.organization.id)).toEqual(auditBefore);

    for (const body of [{ not: 'an array' }, 'text']) {
      const notArray = await as(suite.testApp, suite.team.users.admin).post('/api/questions/import').send(body).expect(400);
      expect(notArray.body.code).toMatch(/VALIDATION_FAILED|BAD_JSON/);
    }
  });

  it('does not let a row name another organization’s pillar', async () => {
    const { body: theirs } = await as(suite.testApp, suite.other.users.admin).get('/api/pillars').expect(200);
    const response = await as(suite.testApp, suite.team.users.admin)
      .post('/api/questions/import')
      .send([row({ pillar: undefined, pillarId: theirs[0].id })])
      .expect(400);
    expect(response.body.details.fields).toEqual([{ field: '0.pillarId', problems: [expect.any(String)] }]);
  });

  it('exports JSON that imports back to the same questions', async () => {
    const key = `trip-${randomUUID().slice(0, 6)}`;
    for (const owner of [suite.team, suite.other])
      await as(suite.testApp, owner.users.admin).post('/api/pillars').send({ key, name: 'Round trip' }).expect(201);
    const rows = [
      row({ pillar: key, title: 'First, with "quotes"', prompt: '# Heading\n\n- a list\n- with `code`', tags: ['a', 'b'], roles: [] }),
      row({ pillar: key, title: 'Second', followUps: ['One?', 'Two, three?'], roles: ['ai_engineer', 'ml_engineer'] }),
    ];
    await as(suite.testApp, suite.team.users.admin).post('/api/questions/import').send(rows).expect(201);

    const exported = await as(suite.testApp, suite.team.users.hiringManager).get(`/api/questions/export?pillar=${key}`).expect(200);
    expect(exported.body).toEqual(rows.map((item) => ({ ...item })));
    await as(suite.testApp, suite.other.users.admin).post('/api/questions/import').send(exported.body).expect(201);
    const reexported = await as(suite.testApp, suite.other.users.admin).get(`/api/questions/export?pillar=${key}`).expect(200);
    expect(reexported.body).toEqual(exported.body);

    const everything = await as(suite.testApp, suite.other.users.admin).get('/api/questions/export').expect(200);
    expect(everything.body.length).toBeGreaterThanOrEqual(50);
  });

  it('exports CSV with RFC 4180 quoting of commas, quotes and line breaks', async () => {
    const key = `csv-${randomUUID().slice(0, 6)}`;
    await as(suite.testApp, suite.team.users.admin).post('/api/pillars').send({ key, name: 'CSV' }).expect(201);
    const tricky = row({
      pillar: key,
      title: 'Commas, "quoted" words, and more',
      prompt: 'Line one\nLine two, with a comma\n\n"Quoted line"',
      rubric: { ...rubric, yes: 'Says "yes", then explains' },
      followUps: ['First?', 'Second, longer?'],
      tags: ['csv', 'quoting'],
      roles: ['ai_engineer', 'ml_engineer'],
    });
    await as(suite.testApp, suite.team.users.admin).post('/api/questions/import').send([tricky]).expect(201);

    const response = await as(suite.testApp, suite.team.users.admin).get(`/api/questions/export?format=csv&pillar=${key}`).expect(200);
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

  describe('CSV import', () => {
    const header = `${CSV_COLUMNS.join(',')}\r\n`;
    const postCsv = (user: { token: string }, text: string, contentType = 'text/csv') =>
      as(suite.testApp, user).post('/api/questions/import').set('Content-Type', contentType).send(text);
    const newPillar = async (owners: TestTeam[]): Promise<string> => {
      const key = `csv-${randomUUID().slice(0, 6)}`;
      for (const owner of owners) await as(suite.testApp, owner.users.admin).post('/api/pillars').send({ key, name: 'CSV import' }).expect(201);
      return key;
    };

    it('imports the CSV export back to the same questions, formula-escaped cells included', async () => {
      const key = await newPillar([suite.team, suite.other]);
      const rows = [
        row({
          pillar: key,
          title: '=SUM(A1:A3) as a title',
          prompt: '- a markdown list\n- with `code`\n\n"Quoted", with commas',
          rubric: { ...rubric, no: '+1 for trying', strong_yes: "'=already quoted" },
          followUps: ['-first?', 'Second, longer?'],
          tags: ['-minus', 'csv'],
          roles: ['ai_engineer', 'ml_engineer'],
        }),
        row({ pillar: key, title: 'Plain', followUps: [], tags: [], roles: [], difficulty: 5 }),
      ];
      await as(suite.testApp, suite.team.users.admin).post('/api/questions/import').send(rows).expect(201);
      const csv = await as(suite.testApp, suite.team.users.admin).get(`/api/questions/export?format=csv&pillar=${key}`).expect(200);
      expect(csv.text).toContain("'=SUM(A1:A3)");

      const imported = await postCsv(suite.other.users.admin, csv.text).expect(201);
      expect(imported.body).toEqual({ imported: 2, ids: [expect.any(String), expect.any(String)] });
      const original = await as(suite.testApp, suite.team.users.admin).get(`/api/questions/export?pillar=${key}`).expect(200);
      const copy = await as(suite.testApp, suite.other.users.admin).get(`/api/questions/export?pillar=${key}`).expect(200);
      expect(original.body).toEqual(rows);
      expect(copy.body).toEqual(original.body);
      expect((await auditActions(suite.testApp, suite.other.organization.id))[0]).toBe('questions.imported');
    });

    it('keeps a quoted multi-line cell as one cell, and follow-ups one per line', async () => {
      const key = await newPillar([suite.team]);
      const text =
        header +
        `${key},Multi-line,"First paragraph, with a comma\r\n\r\n""Quoted"" second paragraph\nthird line",a,b,c,d,"One?\r\nTwo, three?",x|y,2,ml_engineer\r\n`;
      const response = await postCsv(suite.team.users.hiringManager, text, 'text/csv; charset=utf-8').expect(201);
      const question = await as(suite.testApp, suite.team.users.interviewer).get(`/api/questions/${response.body.ids[0]}`).expect(200);
      expect(question.body).toMatchObject({
        pillarKey: key,
        title: 'Multi-line',
        prompt: 'First paragraph, with a comma\r\n\r\n"Quoted" second paragraph\nthird line',
        rubric: { strong_no: 'a', no: 'b', yes: 'c', strong_yes: 'd' },
        followUps: ['One?', 'Two, three?'],
        tags: ['x', 'y'],
        difficulty: 2,
        roles: ['ml_engineer'],
        authorId: suite.team.users.hiringManager.id,
      });
    });

    it('reports a bad row by the number a person counts (not the line) and imports nothing', async () => {
      const key = await newPillar([suite.team]);
      const before = await countQuestions(suite.team.organization.id);
      const auditBefore = await auditActions(suite.testApp, suite.team.organization.id);
      const text =
        header +
        `${key},Good one,"A prompt\nover\nfour lines\n",a,b,c,d,,,1,\r\n` +
        `${key},Bad one,Prompt,a,,c,d,,Has|ok,9,ai_engineer|nobody\r\n` +
        `no-such-pillar,Good fields,Prompt,a,b,c,d,,,3,\r\n` +
        `${key},Good too,Prompt,a,b,c,d,,,3,\r\n`;
      const response = await postCsv(suite.team.users.admin, text).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
      expect(response.body.message).toMatch(/^Nothing was imported/);
      const fields = response.body.details.fields.map((problem: { field: string }) => problem.field);
      expect(fields.sort()).toEqual(['2.difficulty', '2.roles', '2.rubric_no', '3.pillar']);
      expect(await countQuestions(suite.team.organization.id)).toBe(before);
      expect(await auditActions(suite.testApp, suite.team.organization.id)).toEqual(auditBefore);

      const badHeader = await postCsv(suite.team.users.admin, 'pillar,title,rubric\r\n').expect(400);
      expect(badHeader.body.details.fields).toEqual([{ field: 'header', problems: expect.any(Array) }]);
      const empty = await postCsv(suite.team.users.admin, '').expect(400);
      expect(empty.body.details.fields).toEqual([{ field: 'header', problems: [expect.stringContaining('must name the columns')] }]);
    });

    it('takes text/csv on the import route only, within the JSON body limit, from the same roles', async () => {
      const elsewhere = await as(suite.testApp, suite.team.users.admin)
        .post('/api/pillars')
        .set('Content-Type', 'text/csv')
        .send('key,name\r\nx,y\r\n')
        .expect(415);
      expect(elsewhere.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
      expect((await postCsv(suite.team.users.admin, header, 'text/csv; charset=iso-8859-1').expect(415)).body.code).toBe(
        'UNSUPPORTED_MEDIA_TYPE',
      );
      const huge = header + `coding,T,${'x'.repeat(1_100_000)},a,b,c,d,,,1,\r\n`;
      expect((await postCsv(suite.team.users.admin, huge).expect(413)).body.code).toBe('PAYLOAD_TOO_LARGE');
      expect((await postCsv(suite.team.users.interviewer, header).expect(403)).body.code).toBe('FORBIDDEN');
      expect((await postCsv(suite.team.users.admin, header).expect(201)).body).toEqual({ imported: 0, ids: [] });
    });

    describe('from the CLI', () => {
      let directory: string;
      let output: string[];
      const command = (): InstanceType<typeof ImportQuestionsCommand> =>
        new ImportQuestionsCommand(suite.testApp.dataSource, suite.testApp.app.get(OrganizationsService), suite.testApp.app.get(QuestionTransferService));

      beforeEach(() => {
        directory = mkdtempSync(path.join(tmpdir(), 'loopwright-csv-'));
        output = [];
        jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
          output.push(String(chunk));
          return true;
        });
      });

      afterEach(() => {
        jest.restoreAllMocks();
        rmSync(directory, { recursive: true, force: true });
      });

      it('imports a .csv file as the export’s CSV, and a CSV of another name with --format csv', async () => {
        const key = await newPillar([suite.team]);
        const file = path.join(directory, 'qs.csv');
        writeFileSync(file, `${header}${key},From the CLI,"Two\nlines",a,b,c,d,"One?\nTwo?",cli,4,\r\n`);
        const before = await countQuestions(suite.team.organization.id);
        await command().run([file], { org: suite.team.organization.name });
        expect(output).toEqual([`Imported 1 question(s) into "${suite.team.organization.name}"\n`]);
        const exported = await as(suite.testApp, suite.team.users.admin).get(`/api/questions/export?pillar=${key}`).expect(200);
        expect(exported.body).toEqual([
          {
            pillar: key,
            title: 'From the CLI',
            prompt: 'Two\nlines',
            rubric: { strong_no: 'a', no: 'b', yes: 'c', strong_yes: 'd' },
            followUps: ['One?', 'Two?'],
            tags: ['cli'],
            difficulty: 4,
            roles: [],
          },
        ]);

        const other = path.join(directory, 'questions.txt');
        writeFileSync(other, `${header}${key},Second from the CLI,P,a,b,c,d,,,1,\r\n`);
        await expect(command().run([other], { org: suite.team.organization.id })).rejects.toThrow(/as JSON.*--format csv/);
        await command().run([other], { org: suite.team.organization.id, format: command().parseFormat('CSV') });
        expect(await countQuestions(suite.team.organization.id)).toBe(before + 2);
        expect(() => command().parseFormat('xml')).toThrow('--format must be json or csv, not "xml"');
      });

      it('lists the bad rows by number and imports nothing', async () => {
        const file = path.join(directory, 'bad.csv');
        writeFileSync(file, `${header}coding,Fine,P,a,b,c,d,,,1,\r\ncoding,,P,a,b,c,d,,,1,\r\n`);
        const before = await countQuestions(suite.team.organization.id);
        await expect(command().run([file], { org: suite.team.organization.name })).rejects.toThrow(
          /^Nothing was imported \(rows counted from 1 below the header\):\n {2}2\.title: title must not be empty$/,
        );
        expect(await countQuestions(suite.team.organization.id)).toBe(before);
        expect(output).toEqual([]);
      });
    });
  });
});

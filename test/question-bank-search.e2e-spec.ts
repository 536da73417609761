import { as, createTeam, createTestApp, pillarIdsByKey, statementsDuring, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

const rubric = { strong_no: 'Nothing.', no: 'Little.', yes: 'Solid.', strong_yes: 'Deep.' };

interface Item {
  id: string;
  title: string;
  rank?: number;
}

describe('question bank: search', () => {
  let testApp: TestApp;
  let team: TestTeam;
  let pillars: Record<string, string>;
  /** A word no seed question contains, so each test searches its own questions only. */
  const word = (): string => `zq${randomUUID().replaceAll('-', '').slice(0, 10)}`;

  const create = async (overrides: Record<string, unknown>): Promise<Item> => {
    const response = await as(testApp, team.users.admin)
      .post('/api/questions')
      .send({ pillarId: pillars.foundations, title: 'A question', prompt: 'A prompt.', rubric, difficulty: 3, ...overrides })
      .expect(201);
    return response.body as Item;
  };
  const search = async (query: string): Promise<{ items: Item[]; nextCursor: string | null }> =>
    (await as(testApp, team.users.interviewer).get(`/api/questions?${query}`).expect(200)).body;
  const ids = (page: { items: Item[] }): string[] => page.items.map((item) => item.id);

  beforeAll(async () => {
    testApp = await createTestApp();
    team = await createTeam(testApp, { admin: ['admin'], interviewer: ['interviewer'] });
    pillars = await pillarIdsByKey(as(testApp, team.users.admin));
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('finds the bias-variance question for `bias-variance`, and other spellings of it', async () => {
    const hyphenated = await search('q=bias-variance');
    expect(hyphenated.items[0]?.title).toBe('Explain the bias-variance tradeoff');
    const spaced = await create({ title: 'Bias variance in boosted trees', prompt: 'How does boosting move bias and variance?' });
    const again = await search('q=bias-variance&limit=200');
    expect(again.items.map((item) => item.title)).toEqual(expect.arrayContaining(['Explain the bias-variance tradeoff', spaced.title]));
    const phrase = await search(`q=${encodeURIComponent('"bias variance"')}&limit=200`);
    expect(phrase.items.map((item) => item.title)).toEqual(expect.arrayContaining(['Explain the bias-variance tradeoff', spaced.title]));
    const excluded = await search(`q=${encodeURIComponent('tradeoff -bias-variance')}&limit=200`);
    expect(excluded.items.map((item) => item.title)).not.toContain('Explain the bias-variance tradeoff');
  });

  it('searches tags too, stemmed like the text', async () => {
    const tag = word();
    const tagged = await create({ title: 'Tagged only', tags: [`${tag}-pipelines`] });
    expect(ids(await search(`q=${tag}`))).toEqual([tagged.id]);
  });

  it('ranks a title match above a tag match above a prompt-only match', async () => {
    const term = word();
    const inPrompt = await create({ title: 'Prompt mention', prompt: `Talk about ${term}. Then ${term} again, and ${term} once more.` });
    const inTitle = await create({ title: `All about ${term}` });
    const inTag = await create({ title: 'Tag mention', tags: [term] });
    const page = await search(`q=${term}`);
    expect(ids(page)).toEqual([inTitle.id, inTag.id, inPrompt.id]);
    expect(page.items[0]?.rank).toBeGreaterThan(page.items[2]?.rank ?? Infinity);
  });

  it('filters by pillar (key or id), tag, difficulty, status and role', async () => {
    const tag = word();
    const a = await create({ title: 'Filter A', tags: [tag], difficulty: 1, roles: ['ml_engineer'] });
    const b = await create({ title: 'Filter B', tags: [tag], difficulty: 4, roles: ['ai_engineer'], pillarId: pillars.coding });
    const c = await create({ title: 'Filter C', tags: [tag, 'other'], difficulty: 4, roles: [] });
    const d = await create({ title: 'Filter D', tags: [tag], difficulty: 4 });
    await as(testApp, team.users.admin).post(`/api/questions/${d.id}/retire`).send({ reason: 'leaked' }).expect(200);

    expect(ids(await search(`tag=${tag}`)).sort()).toEqual([a.id, b.id, c.id].sort());
    expect(ids(await search(`tag=${tag.toUpperCase()}&pillar=coding`))).toEqual([b.id]);
    expect(ids(await search(`tag=${tag}&pillar=${pillars.coding}`))).toEqual([b.id]);
    expect(ids(await search(`tag=${tag}&pillar=no-such-pillar`))).toEqual([]);
    expect(ids(await search(`tag=${tag}&difficulty=4`)).sort()).toEqual([b.id, c.id].sort());
    expect(ids(await search(`tag=${tag}&role=ml_engineer`)).sort()).toEqual([a.id, c.id].sort());
    expect(ids(await search(`tag=${tag}&status=retired`))).toEqual([d.id]);
    expect(ids(await search(`tag=${tag}&status=all`)).sort()).toEqual([a.id, b.id, c.id, d.id].sort());
    expect(ids(await search(`q=filter&tag=${tag}&difficulty=1`))).toEqual([a.id]);

    for (const bad of ['difficulty=6', 'status=gone', 'role=data_scientist', 'limit=0', 'limit=201', 'cursor=nonsense', 'unknown=1']) {
      const response = await as(testApp, team.users.interviewer).get(`/api/questions?${bad}`).expect(400);
      expect(response.body.code).toBe('VALIDATION_FAILED');
    }
  });

  it.each([
    ['newest first, without q', (tag: string) => `tag=${tag}`],
    ['by rank, with q', (tag: string) => `q=${tag}`],
  ])('pages with a cursor (%s)', async (_case, query) => {
    const tag = word();
    const created: string[] = [];
    for (let index = 0; index < 5; index += 1) created.push((await create({ title: `Paged ${index}`, tags: [tag] })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: { items: Item[]; nextCursor: string | null } = await search(`${query(tag)}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...ids(page));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect([...seen].sort()).toEqual([...created].sort());
    if (!query(tag).startsWith('q=')) expect(seen).toEqual([...created].reverse());
  });

  it('never interpolates q: quotes, operators and SQL are just text', async () => {
    const hostile = [`'; DROP TABLE questions; --`, `" OR 1=1 --`, `\\'`, `((( & | ! <->`, `'bias' & 'variance'`, 'the'];
    for (const q of hostile) {
      const response = await as(testApp, team.users.interviewer)
        .get(`/api/questions?q=${encodeURIComponent(q)}`)
        .expect(200);
      expect(Array.isArray(response.body.items)).toBe(true);
    }
    const [{ count }] = await testApp.dataSource.query('SELECT count(*)::int AS count FROM questions WHERE organization_id = $1', [
      team.organization.id,
    ]);
    expect(count).toBeGreaterThanOrEqual(48);
  });

  it('answers a page with one SQL statement on the questions (besides authentication)', async () => {
    const statements = await statementsDuring(async () => {
      await search('q=transformer&pillar=foundations&difficulty=3&role=ai_engineer&limit=20');
      await search('limit=50&status=all');
    });
    const onQuestions = statements.filter((sql) => /\bquestions\b/.test(sql));
    expect(onQuestions).toHaveLength(2);
  });
});

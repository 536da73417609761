/// <reference lib="dom" />
import {
  as,
  browserSuite,
  ONE_PER_ROLE,
  openPage,
  pageProblems,
  pillarIdsByKey,
  roundFor,
  screenshot,
  signIn,
  submitScorecard,
  type TestUser,
} from '@loopwright/testing';
import { CalibrationSnapshots } from '@loopwright/scorecards';
import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Page } from 'playwright-core';

/** The question bank's pages in real Chromium: search, filters, a question, edit → version and diff, retire, import. */
const JOURNEY_MS = 180_000;

const SEEDED_TITLE = 'Explain the bias-variance tradeoff';

const rubric = {
  strong_no: 'Cannot say what a gradient is.',
  no: 'Knows the words, not the mechanics.',
  yes: 'Derives the update rule for a small example.',
  strong_yes: 'Connects the learning rate to the loss curve.',
};

describe('web: the question bank pages', () => {
  const suite = browserSuite({ team: ONE_PER_ROLE });
  let pillars: Record<string, string>;

  beforeAll(async () => {
    pillars = await pillarIdsByKey(as(suite.web, suite.team.users.admin!));
  }, 120_000);

  const user = (key: string): TestUser => suite.team.users[key]!;
  const pagePath = (id: string) => `/app/questions/${id}`;
  /** Clicks a button and waits for the page the form leads to. */
  const submitted = async (page: Page, button: string, url: RegExp | string): Promise<void> => {
    await Promise.all([page.waitForURL(url), page.getByRole('button', { name: button }).click()]);
  };
  /** Posts a form that answers on the same URL (the page again, with its problems) and waits for the new document. */
  const postedBack = async (page: Page, button: string): Promise<void> => {
    await Promise.all([page.waitForEvent('framenavigated'), page.getByRole('button', { name: button }).click()]);
    await page.waitForLoadState();
  };
  /** Waits until the htmx search has shown the results of exactly these filters (it pushes their URL after the swap). */
  const searched = async (page: Page, filters: Record<string, string>): Promise<void> => {
    const wanted = JSON.stringify(Object.entries(filters).sort());
    await page.waitForURL((url) => JSON.stringify([...url.searchParams].filter(([, value]) => value !== '').sort()) === wanted);
  };
  const resultTitles = (page: Page) => page.locator('.question-result__title a').allInnerTexts();

  /** A question of its own for a test, made through the API as a hiring manager would. */
  const newQuestion = async (title = `Gradient descent ${randomUUID().slice(0, 8)}`): Promise<{ id: string; title: string }> => {
    const created = await as(suite.web, user('hiringManager'))
      .post('/api/questions')
      .send({
        pillarId: pillars.foundations,
        title,
        prompt: 'Explain **gradient descent**.\nUse a small example.',
        rubric,
        followUps: ['What does the learning rate do?'],
        tags: ['optimization'],
        difficulty: 2,
      })
      .expect(201);
    return { id: created.body.id, title };
  };

  it(
    'search finds a seeded question as the person types (htmx), the filters narrow the list, and a result opens the question',
    async () => {
      const { context, page } = await openPage(suite.browser);
      await signIn(page, suite.web.baseUrl, user('interviewer'), undefined, '/app/questions');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Question bank');
      // An interviewer reads; writing is for admins and hiring managers.
      await expect(page.getByRole('link', { name: 'New question' }).count()).resolves.toBe(0);

      await page.getByLabel('Search questions').fill('bias-variance');
      await searched(page, { q: 'bias-variance', status: 'active' });
      await expect(page.getByRole('status').innerText()).resolves.toBe('1 question found.');
      expect(await resultTitles(page)).toEqual([SEEDED_TITLE]);
      const result = page.locator('.question-result');
      await expect(result.locator('dl').innerText()).resolves.toMatch(
        /^Pillar\s+Foundational knowledge\s+Difficulty\s+\d\s+Status\s+Active\s+Times asked\s+0$/,
      );

      await page.getByLabel('Pillar').selectOption({ label: 'Practical coding' });
      await searched(page, { q: 'bias-variance', pillar: 'coding', status: 'active' });
      await expect(page.getByRole('status').innerText()).resolves.toBe('No question matches.');
      expect(await resultTitles(page)).toEqual([]);

      await page.getByLabel('Search questions').fill('');
      await page.getByLabel('Difficulty').selectOption('5');
      await searched(page, { pillar: 'coding', difficulty: '5', status: 'active' });
      const hardCoding = (await as(suite.web, user('interviewer')).get('/api/questions?pillar=coding&difficulty=5&limit=20').expect(200)).body;
      expect(await resultTitles(page)).toEqual(hardCoding.items.map((item: { title: string }) => item.title));
      await screenshot(page, 'questions-list-1280');

      await page.getByLabel('Pillar').selectOption('');
      await page.getByLabel('Difficulty').selectOption('');
      await page.getByLabel('Tag').fill('ml-theory');
      await searched(page, { tag: 'ml-theory', status: 'active' });
      const tagged = (await as(suite.web, user('interviewer')).get('/api/questions?tag=ml-theory&limit=20').expect(200)).body;
      expect(await resultTitles(page)).toEqual(tagged.items.map((item: { title: string }) => item.title));
      await page.getByLabel('Tag').fill('');
      await page.getByLabel('Search questions').fill('bias-variance');
      await searched(page, { q: 'bias-variance', status: 'active' });
      await page.getByRole('link', { name: SEEDED_TITLE }).click();
      await page.waitForURL(/\/app\/questions\/[0-9a-f-]{36}$/);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(SEEDED_TITLE);
      await expect(page.locator('.question-rubric dt').allInnerTexts()).resolves.toEqual(['Strong no', 'No', 'Yes', 'Strong yes']);
      await expect(page.locator('.question-follow-ups li').count()).resolves.toBe(3);
      await expect(page.locator('.question-versions li').allInnerTexts()).resolves.toEqual([
        expect.stringMatching(/^Version 1 Current · .+ UTC · Loopwright \(seeded\)$/),
      ]);
      await expect(page.getByRole('heading', { name: 'Compare versions' }).count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Edit question' }).count()).resolves.toBe(0);
      await expect(page.getByRole('heading', { name: 'Analytics' }).count()).resolves.toBe(0);
      // Writing pages answer an interviewer as the API would: 403.
      const refused = await page.goto(`${suite.web.baseUrl}/app/questions/new`);
      expect(refused?.status()).toBe(403);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'without JavaScript: search with the form, then edit a question into a new version and read the diff',
    async () => {
      const question = await newQuestion();
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('hiringManager'), undefined, '/app/questions');
      await page.getByLabel('Search questions').fill(question.title);
      await submitted(page, 'Search', /\/app\/questions\?/);
      expect(await resultTitles(page)).toEqual([question.title]);
      await page.getByRole('link', { name: question.title }).click();
      await expect(page.getByRole('heading', { name: 'Analytics' }).count()).resolves.toBe(1);
      await expect(page.locator('.question-prompt strong').innerText()).resolves.toBe('gradient descent');

      await page.getByRole('link', { name: 'Edit question' }).click();
      // A problem is said next to its field, and nothing typed is lost.
      await page.getByLabel('Yes', { exact: true }).fill(' ');
      await page.getByLabel('Prompt').fill('Explain **gradient descent**.\nUse a small example with two weights.');
      await postedBack(page, 'Save changes');
      await expect(page.locator('#rubric_yes-error').textContent()).resolves.toBe('Error: Describe what a “Yes” answer looks like');
      await expect(page.getByLabel('Yes', { exact: true }).getAttribute('aria-describedby')).resolves.toBe('rubric_yes-error');
      await expect(page.getByLabel('Prompt').inputValue()).resolves.toContain('two weights');
      expect((await as(suite.web, user('admin')).get(`/api/questions/${question.id}`).expect(200)).body.version).toBe(1);

      await page.getByLabel('Yes', { exact: true }).fill('Derives the update rule for a two-weight example.');
      await submitted(page, 'Save changes', `${suite.web.baseUrl}${pagePath(question.id)}?notice=updated`);
      await expect(page.getByRole('status').innerText()).resolves.toBe('Your changes are saved.');
      await expect(page.locator('.question-versions li strong').allInnerTexts()).resolves.toEqual(['Version 2', 'Version 1']);
      const diff = page.getByRole('region', { name: 'Changes from version 1 to version 2' });
      await expect(diff.locator('.diff-lines__removed').innerText()).resolves.toMatch(/^Removed\s+Use a small example\.$/);
      await expect(diff.locator('.diff-lines__added').innerText()).resolves.toMatch(/^Added\s+Use a small example with two weights\.$/);
      const yes = diff.locator('.question-rubric__anchor', { has: page.locator('dt', { hasText: /^Yes$/ }) });
      await expect(yes.locator('del').allTextContents()).resolves.toEqual(['[removed: small]']);
      await expect(yes.locator('ins').allTextContents()).resolves.toEqual(['[added: two-weight]']);
      await expect(
        diff.locator('.question-rubric__anchor', { has: page.locator('dt', { hasText: /^No$/ }) }).innerText(),
      ).resolves.toContain('Unchanged.');
      const versions = (await as(suite.web, user('admin')).get(`/api/questions/${question.id}/versions`).expect(200)).body;
      expect(
        versions.map((version: { version: number; prompt: string }) => [version.version, version.prompt.endsWith('two weights.')]),
      ).toEqual([
        [2, true],
        [1, false],
      ]);

      // Comparing a version with itself: nothing differs.
      await page.getByLabel('To', { exact: true }).selectOption('1');
      await submitted(page, 'Compare', /from=1&to=1/);
      await expect(page.getByText('These versions have the same prompt, rubric and follow-ups.').count()).resolves.toBe(1);
      await context.close();
    },
    JOURNEY_MS,
  );

  it('pages through the results with Next page and First page, keeping the filters', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, user('recruiter'), undefined, '/app/questions?status=all');
    const first = await resultTitles(page);
    expect(first).toHaveLength(20);
    await page.getByRole('link', { name: 'Next page' }).click();
    expect(new URL(page.url()).searchParams.get('status')).toBe('all');
    const second = await resultTitles(page);
    expect(second.length).toBeGreaterThan(0);
    expect(second.filter((title) => first.includes(title))).toEqual([]);
    await page.getByRole('link', { name: 'First page' }).click();
    expect(await resultTitles(page)).toEqual(first);
    await context.close();
  });

  it('an edit made elsewhere meanwhile is not overwritten: the form says so and keeps what was typed', async () => {
    const question = await newQuestion();
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, user('admin'), undefined, `${pagePath(question.id)}/edit`);
    await as(suite.web, user('hiringManager')).patch(`/api/questions/${question.id}`).send({ prompt: 'Changed in another window.' }).expect(200);
    await page.getByLabel('Prompt').fill('Typed in this window.');
    await postedBack(page, 'Save changes');
    await expect(page.getByRole('alert').innerText()).resolves.toContain('Someone changed this question since you opened the form.');
    await expect(page.getByLabel('Prompt').inputValue()).resolves.toBe('Typed in this window.');
    expect((await as(suite.web, user('admin')).get(`/api/questions/${question.id}`).expect(200)).body.prompt).toBe('Changed in another window.');
    // Saving again is deliberate: the form now carries the current version.
    await submitted(page, 'Save changes', /notice=updated/);
    await expect(page.locator('.question-versions li strong').allInnerTexts()).resolves.toEqual(['Version 3', 'Version 2', 'Version 1']);
    await context.close();
  });

  it(
    'retire a question with a reason: it says so, leaves the active list and shows under Retired',
    async () => {
      const question = await newQuestion();
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('admin'), undefined, pagePath(question.id));
      await page.getByLabel('Reason').fill('Leaked on a forum');
      await submitted(page, 'Retire question', `${suite.web.baseUrl}${pagePath(question.id)}?notice=retired`);
      await expect(page.locator('.retired-note').innerText()).resolves.toMatch(/^Retired on .+ UTC\. Reason: Leaked on a forum/);
      await expect(page.getByRole('button', { name: 'Retire question' }).count()).resolves.toBe(0);
      const api = (await as(suite.web, user('admin')).get(`/api/questions/${question.id}`).expect(200)).body;
      expect([api.status, api.retireReason]).toEqual(['retired', 'Leaked on a forum']);

      await page.goto(`${suite.web.baseUrl}/app/questions?q=${encodeURIComponent(question.title)}`);
      expect(await resultTitles(page)).toEqual([]);
      await page.getByLabel('Status').selectOption('retired');
      await submitted(page, 'Search', /status=retired/);
      expect(await resultTitles(page)).toEqual([question.title]);
      await expect(page.locator('.question-result .tag').first().innerText()).resolves.toBe('Retired');
      await context.close();
    },
    JOURNEY_MS,
  );

  const csvOf = (rows: string[][]): string =>
    [
      'pillar,title,prompt,rubric_strong_no,rubric_no,rubric_yes,rubric_strong_yes,followUps,tags,difficulty,roles',
      ...rows.map((row) => row.map((cell) => `"${cell.replace(/"/g, '""')}"`).join(',')),
    ].join('\r\n');
  const csvRow = (title: string, difficulty: string): string[] => [
    'coding',
    title,
    'Write a function that deduplicates a stream.',
    'Nothing.',
    'Little.',
    'Solid.',
    'Deep.',
    'What if it does not fit in memory?',
    'streams',
    difficulty,
    '',
  ];

  it(
    'an admin imports a CSV with one bad row: the error table names row and field, and nothing is imported; the fixed file imports',
    async () => {
      const tag = randomUUID().slice(0, 8);
      const titles = [`Dedupe a stream ${tag}`, `Merge sorted streams ${tag}`];
      const { context, page } = await openPage(suite.browser);
      await signIn(page, suite.web.baseUrl, user('admin'), undefined, '/app/questions');
      await page.getByRole('link', { name: 'Import' }).click();
      await page.getByLabel('Questions file (JSON or CSV)').setInputFiles({
        name: 'questions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csvOf([csvRow(titles[0]!, '3'), csvRow(titles[1]!, '9')])),
      });
      await postedBack(page, 'Import questions');
      await expect(page.getByRole('heading', { name: 'Nothing was imported' }).count()).resolves.toBe(1);
      const table = page.getByRole('table', { name: /Problems to fix/ });
      await expect(
        table.locator('tbody tr').evaluateAll((rows) => rows.map((row) => [...row.querySelectorAll('td')].map((cell) => cell.textContent))),
      ).resolves.toEqual([['2', 'difficulty', 'difficulty must not be greater than 5']]);
      await screenshot(page, 'questions-import-errors-1280');
      const search = async () => (await as(suite.web, user('admin')).get(`/api/questions?q=${tag}`).expect(200)).body.items.length;
      expect(await search()).toBe(0);

      await page.getByLabel('Questions file (JSON or CSV)').setInputFiles({
        name: 'questions.csv',
        mimeType: 'text/csv',
        buffer: Buffer.from(csvOf([csvRow(titles[0]!, '3'), csvRow(titles[1]!, '4')])),
      });
      await submitted(page, 'Import questions', /imported=2/);
      await expect(page.getByRole('status').innerText()).resolves.toContain('2 questions were imported.');
      expect(await search()).toBe(2);

      // Pasted JSON works too (no file chosen); its rows are counted from 1 as well.
      await page
        .getByLabel('Or paste the questions')
        .fill(JSON.stringify([{ pillar: 'coding', title: 'x', prompt: 'p', rubric, difficulty: 2 }, { pillar: 'nope' }]));
      await postedBack(page, 'Import questions');
      await expect(table.locator('tbody td:first-child').allInnerTexts()).resolves.toContain('2');
      await expect(table.innerText()).resolves.toContain('"nope" is not a pillar key of this organization');
      await context.close();
    },
    JOURNEY_MS,
  );

  it('exports the bank as JSON and CSV from the list', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, user('hiringManager'), undefined, '/app/questions?pillar=behavioral');
    const [json] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as JSON' }).click()]);
    const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as { pillar: string }[];
    expect(exported.length).toBeGreaterThan(0);
    expect(new Set(exported.map((item) => item.pillar))).toEqual(new Set(['behavioral']));
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export as CSV' }).click()]);
    expect(csv.suggestedFilename()).toMatch(/^questions-\d{4}-\d{2}-\d{2}\.csv$/);
    expect((await readFile(await csv.path(), 'utf8')).split('\r\n')[0]).toBe(
      'pillar,title,prompt,rubric_strong_no,rubric_no,rubric_yes,rubric_strong_yes,followUps,tags,difficulty,roles',
    );
    await context.close();
  });

  it('creates a question from the form; an incomplete form says what is missing next to each field', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, user('hiringManager'), undefined, '/app/questions/new');
    // Markup typed into a field stays text on every page.
    const title = `Attention heads <b>${randomUUID().slice(0, 8)}</b>`;
    await page.getByLabel('Title').fill(title);
    await postedBack(page, 'Create question');
    await expect(page.getByRole('alert').innerText()).resolves.toBe('The question was not saved: 6 fields need a change (marked below).');
    await expect(page.locator('.field-error').allTextContents()).resolves.toEqual([
      'Error: Choose a pillar',
      'Error: Write the prompt',
      ...['Strong no', 'No', 'Yes', 'Strong yes'].map((label) => `Error: Describe what a “${label}” answer looks like`),
    ]);
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe(title);
    await page.getByLabel('Pillar').selectOption({ label: 'AI systems design' });
    await page.getByLabel('Prompt').fill('Why do transformers use **several** attention heads?');
    for (const [label, text] of [
      ['Strong no', 'No idea.'],
      ['No', 'Vague.'],
      ['Yes', 'Subspaces.'],
      ['Strong yes', 'Subspaces and cost.'],
    ])
      await page.getByLabel(label!, { exact: true }).fill(text!);
    await page.getByLabel('Follow-ups').fill('What if there is one head?\n\nHow many heads?');
    await page.getByLabel('Tags').fill('Attention, transformers');
    await page.getByLabel('ML engineer').check();
    await submitted(page, 'Create question', /notice=created/);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(title);
    await expect(page.locator('main b').count()).resolves.toBe(0);
    const id = new URL(page.url()).pathname.split('/').at(-1)!;
    const stored = (await as(suite.web, user('admin')).get(`/api/questions/${id}`).expect(200)).body;
    expect([stored.followUps, stored.tags, stored.roles, stored.difficulty]).toEqual([
      ['What if there is one head?', 'How many heads?'],
      ['attention', 'transformers'],
      ['ml_engineer'],
      3,
    ]);
    await context.close();
  });

  it(
    'use: times asked and last asked for everyone, the analytics figures for admins and hiring managers only',
    async () => {
      const round = await roundFor(suite.web, suite.team, {
        interviewerKey: 'interviewer',
        candidateName: 'Uma Used',
        startsAt: new Date(Date.now() - 2 * 3_600_000),
      });
      const interviewer = as(suite.web, user('interviewer'));
      const [asked] = (await interviewer.get(`/api/rounds/${round.roundId}/kit`).expect(200)).body.questions as {
        questionId: string;
        title: string;
      }[];
      await submitScorecard(interviewer, round.roundId, {
        ratings: [{ pillarId: pillars.foundations!, rating: 'yes', notes: 'Clear on the trade-offs.' }],
        questionsAsked: [{ questionId: asked!.questionId, notes: 'Asked it first.' }],
        recommendation: 'yes',
        summary: 'A thoughtful candidate with strong fundamentals.',
      });
      // As the worker does after a submission (the page reads the snapshot, never refits).
      await suite.web.app.get(CalibrationSnapshots).refresh(suite.team.organization.id);
      const facts = async (page: Page, heading: string) =>
        page
          .locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) })
          .locator('dl')
          .first()
          .innerText();

      const manager = await openPage(suite.browser);
      await signIn(manager.page, suite.web.baseUrl, user('hiringManager'), undefined, pagePath(asked!.questionId));
      await expect(facts(manager.page, 'Use')).resolves.toMatch(
        /^Times asked\s+1\s+Last asked\s+\w{3} \d{1,2} \w{3} \d{4}, \d{2}:\d{2} UTC\s+Times planned\s+1\s/,
      );
      const analytics = manager.page.locator('h3:has-text("Analytics") + dl');
      await expect(analytics.innerText()).resolves.toMatch(
        /^Rated answers\s+1 \(0 with a rating of the question’s own\)\s+Signal\s+Not enough data\s+Agrees with decisions\s+Not enough data$/,
      );
      await manager.context.close();

      const recruiter = await openPage(suite.browser);
      await signIn(recruiter.page, suite.web.baseUrl, user('recruiter'), undefined, pagePath(asked!.questionId));
      await expect(facts(recruiter.page, 'Use')).resolves.toMatch(/^Times asked\s+1\s/);
      await expect(recruiter.page.getByRole('heading', { name: 'Analytics' }).count()).resolves.toBe(0);
      await recruiter.context.close();
    },
    JOURNEY_MS,
  );

  it(
    'every page passes axe (WCAG 2.x A/AA) and has no horizontal scrolling at 320 px',
    async () => {
      const question = await newQuestion();
      await as(suite.web, user('admin'))
        .patch(`/api/questions/${question.id}`)
        .send({ prompt: 'A second version of the prompt, long enough to wrap on a phone.' })
        .expect(200);
      const pages = [
        '/app/questions',
        '/app/questions?q=bias-variance',
        '/app/questions?difficulty=9',
        pagePath(question.id),
        `${pagePath(question.id)}/edit`,
        '/app/questions/new',
        '/app/questions/import',
      ];
      const problems: string[] = [];
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, user('admin'));
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        const check = async (label: string) => {
          problems.push(...(await pageProblems(page, label, width)));
        };
        for (const path of pages) {
          await page.goto(`${suite.web.baseUrl}${path}`);
          await check(path);
        }
        await screenshot(page, `questions-import-${width}`);
        await page.goto(`${suite.web.baseUrl}${pagePath(question.id)}`);
        await screenshot(page, `questions-detail-${width}`);
        await page.goto(`${suite.web.baseUrl}/app/questions?q=bias-variance`);
        await screenshot(page, `questions-list-${width}`);
        // The pages as forms answer them: the import's error table, the create form's problems.
        await page.goto(`${suite.web.baseUrl}/app/questions/import`);
        await page.getByLabel('Or paste the questions').fill(csvOf([csvRow('ok', '3'), csvRow('', 'x')]));
        await postedBack(page, 'Import questions');
        await check('import refused');
        await page.goto(`${suite.web.baseUrl}/app/questions/new`);
        await postedBack(page, 'Create question');
        await check('create refused');
        await screenshot(page, `questions-form-errors-${width}`);
      }
      await context.close();
      expect(problems).toEqual([]);
    },
    JOURNEY_MS,
  );
});

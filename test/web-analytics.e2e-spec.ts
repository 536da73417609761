import { UsersService, type Role } from '@loopwright/identity';
import { LoopsService } from '@loopwright/loops';
import {
  as,
  browserSuite,
  createCandidate,
  createLoop,
  createLoopTemplate,
  createPosition,
  createTeam,
  openPage,
  pageProblems,
  patchRound,
  pillarIdsByKey,
  qualify,
  ratingsByKey,
  screenshot,
  signIn,
  submitScorecard,
  timeSlot,
  type TestTeam,
} from '@loopwright/testing';
import type { Page } from 'playwright-core';

const ROLES: Record<string, Role[]> = {
  admin: ['admin'],
  hiringManager: ['hiring_manager'],
  recruiter: ['recruiter'],
  interviewer: ['interviewer'],
  lenient: ['interviewer'],
  harsh: ['interviewer'],
  newcomer: ['interviewer'],
};

const slot = (day: number, hour: number) => timeSlot(Date.UTC(2025, 4, 5), day, hour);

/**
 * Seven decided loops: `lenient` rates foundations and coding high in every one; in the first two `newcomer` rates
 * foundations (too few ratings for an offset), in the other five `harsh` rates it low. The last two loops are of a
 * second position.
 */
const LOOPS: { lenient: [string, string]; harsh: string; decision: 'hire' | 'no_hire' }[] = [
  { lenient: ['strong_yes', 'yes'], harsh: 'no', decision: 'hire' },
  { lenient: ['strong_yes', 'strong_yes'], harsh: 'strong_no', decision: 'hire' },
  { lenient: ['yes', 'yes'], harsh: 'no', decision: 'no_hire' },
  { lenient: ['strong_yes', 'yes'], harsh: 'strong_no', decision: 'hire' },
  { lenient: ['strong_yes', 'strong_yes'], harsh: 'no', decision: 'no_hire' },
  { lenient: ['yes', 'strong_yes'], harsh: 'no', decision: 'hire' },
  { lenient: ['yes', 'yes'], harsh: 'strong_no', decision: 'no_hire' },
];

const LAST_POSITION_FROM = 5;

interface ApiCell {
  pillar: { key: string };
  count: number;
  offset: number | null;
  confidenceInterval: { low: number; high: number } | null;
}

const signed = (value: number): string => (Number(value.toFixed(2)) === 0 ? '0.00' : `${value > 0 ? '+' : '\u2212'}${Math.abs(value).toFixed(2)}`);

describe('web: Analytics (real Chromium)', () => {
  const suite = browserSuite({ team: ROLES });
  let pillars: Record<string, string>;
  let positionIds: string[];

  const api = (key: string) => as(suite.web, suite.team.users[key]!);
  const user = (key: string): string => suite.team.users[key]!.id;

  beforeAll(async () => {
    pillars = await pillarIdsByKey(api('admin'));
    await qualify(api('admin'), pillars, [user('lenient'), user('harsh'), user('newcomer')]);
    const templateId = (
      await createLoopTemplate(api('admin'), [
        { title: 'Foundations and coding', pillarIds: [pillars.foundations!, pillars.coding!], questionCount: 1 },
        { title: 'Foundations', pillarIds: [pillars.foundations!], questionCount: 1 },
      ])
    ).id;
    const position = (title: string) =>
      createPosition(api('admin'), { title, roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: user('hiringManager') });
    positionIds = [await position('AI Engineer'), await position('ML Engineer')];
    const questions = (await api('admin').get('/api/questions?pillar=foundations&limit=3').expect(200)).body.items as { id: string }[];
    const summary = (key: string) => `Summary by ${key}: long enough to submit.`;
    const notes = (pillarKey: string) => `Evidence for ${pillarKey}.`;
    for (const [day, plan] of LOOPS.entries()) {
      const positionId = positionIds[day < LAST_POSITION_FROM ? 0 : 1]!;
      const loop = await createLoop(api('recruiter'), { candidateId: await createCandidate(api('recruiter'), { name: `Candidate ${day}` }), positionId, templateId });
      await patchRound(api('recruiter'), loop, 0, { interviewerId: user('lenient'), ...slot(day, 9) }).expect(200);
      await patchRound(api('recruiter'), loop, 1, { interviewerId: user(day < 2 ? 'newcomer' : 'harsh'), ...slot(day, 11) }).expect(200);
      await submitScorecard(api('lenient'), loop.rounds[0]!.id, {
        ratings: ratingsByKey(pillars, { foundations: plan.lenient[0], coding: plan.lenient[1] }, notes),
        questionsAsked: [{ questionId: questions[0]!.id, notes: 'asked' }],
        recommendation: 'yes',
        summary: summary('lenient'),
      });
      const second = day < 2 ? 'newcomer' : 'harsh';
      await submitScorecard(api(second), loop.rounds[1]!.id, {
        ratings: ratingsByKey(pillars, { foundations: plan.harsh }, notes),
        questionsAsked: [{ questionId: questions[day % 2 === 0 ? 1 : 2]!.id, notes: 'asked' }],
        recommendation: 'no',
        summary: summary(second),
      });
      await api('hiringManager').post(`/api/loops/${loop.id}/decision`).send({ decision: plan.decision }).expect(200);
    }
  }, 180_000);

  const chart = (page: Page, pillarName: string) =>
    page.locator('figure', { has: page.getByRole('heading', { name: pillarName, exact: true }) });

  it('a hiring manager reads calibration per pillar as SVG charts with a title, a description and the same numbers in a table', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!, undefined, '/login?next=/app/analytics');
    expect(new URL(page.url()).pathname).toBe('/app/analytics');
    const apiBody = (await api('hiringManager').get('/api/analytics/interviewers').expect(200)).body as {
      items: { interviewer: { name: string }; pillars: ApiCell[] }[];
    };
    const cell = (key: string, pillarKey: string): ApiCell =>
      apiBody.items.find((item) => item.interviewer.name === suite.team.users[key]!.name)!.pillars.find((row) => row.pillar.key === pillarKey)!;

    const charts = page.getByRole('img');
    await expect(charts.count()).resolves.toBe(2);
    const foundations = chart(page, 'Foundational knowledge');
    const svg = foundations.locator('svg[role="img"]');
    const labelledBy = (await svg.getAttribute('aria-labelledby'))!.split(' ');
    await expect(svg.locator('title').getAttribute('id')).resolves.toBe(labelledBy[0]);
    await expect(svg.locator('desc').getAttribute('id')).resolves.toBe(labelledBy[1]);
    await expect(svg.locator('title').textContent()).resolves.toContain('offset from the organization’s mean');
    const description = (await svg.locator('desc').textContent())!;
    const lenient = cell('lenient', 'foundations');
    expect(description).toContain(`${suite.team.users.lenient!.name}: ${signed(lenient.offset!)}`);
    expect(description).toContain(`${suite.team.users.newcomer!.name}: too few ratings to judge (2 of 5 needed).`);
    await expect(svg.locator('circle.cal-dot').count()).resolves.toBe(2);
    await expect(svg.locator('circle.cal-dot--higher').count()).resolves.toBe(1);
    await expect(svg.locator('circle.cal-dot--lower').count()).resolves.toBe(1);
    await expect(svg.locator('line.cal-grid--mean').count()).resolves.toBe(1);

    await page.getByText('Calibration in numbers').click();
    const numbers = page.getByRole('table', { name: /^Foundational knowledge/ });
    const row = (key: string) => numbers.getByRole('row', { name: new RegExp(`^${suite.team.users[key]!.name}`) }).getByRole('cell');
    const harsh = cell('harsh', 'foundations');
    await expect(row('harsh').allInnerTexts()).resolves.toEqual([
      '5',
      expect.any(String),
      signed(harsh.offset!),
      `${signed(harsh.confidenceInterval!.low)} to ${signed(harsh.confidenceInterval!.high)}`,
      'Rates lower than the organization',
      expect.stringMatching(/%$/),
    ]);
    await expect(row('newcomer').allInnerTexts()).resolves.toEqual(['2', '1.50', '\u2014', '\u2014', 'Too few ratings (2 of 5 needed)', '50%']);
    await expect(row('lenient').nth(4).innerText()).resolves.toBe('Rates higher than the organization');
    await screenshot(page, 'analytics-1280');
    await context.close();
  });

  const columnTexts = (page: Page, index: number): Promise<string[]> =>
    page.locator('#question-table tbody tr').evaluateAll(
      (rows, column) => rows.map((row) => (row as { children: ArrayLike<{ textContent: string | null }> }).children[column]!.textContent!.trim()),
      index,
    );
  const sortedHeaders = (page: Page): Promise<string[]> =>
    page.locator('th[aria-sort]').evaluateAll((cells) =>
      cells.map((cell) => `${(cell as { textContent: string | null }).textContent!.trim()}:${(cell as { getAttribute(name: string): string | null }).getAttribute('aria-sort')}`),
    );

  it('the question table sorts by a column heading link (a GET parameter), with aria-sort on the sorted column', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!, undefined, '/login?next=/app/analytics');
    const byApi = (await api('hiringManager').get('/api/analytics/questions').expect(200)).body.items as { question: { title: string }; timesAsked: number }[];
    expect(byApi.length).toBe(3);
    // Ranked by signal first; then as the API lists them, most asked first.
    await expect(sortedHeaders(page)).resolves.toEqual(['Signal ▼:descending']);
    await Promise.all([page.waitForURL(/sort=asked&dir=desc/), page.getByRole('link', { name: 'Times asked' }).click()]);
    await expect(columnTexts(page, 0)).resolves.toEqual(byApi.map((item) => item.question.title));
    await expect(columnTexts(page, 2)).resolves.toEqual(['7', '4', '3']);
    await expect(sortedHeaders(page)).resolves.toEqual(['Times asked ▼:descending']);

    await Promise.all([page.waitForURL(/sort=mean&dir=desc/), page.getByRole('link', { name: 'Mean rating' }).click()]);
    await expect(sortedHeaders(page)).resolves.toEqual(['Mean rating ▼:descending']);
    const means = (await columnTexts(page, 3)).map(Number);
    expect(means).toEqual([...means].sort((a, b) => b - a));
    await Promise.all([page.waitForURL(/sort=mean&dir=asc/), page.getByRole('link', { name: 'Mean rating' }).click()]);
    await expect(sortedHeaders(page)).resolves.toEqual(['Mean rating ▲:ascending']);
    await expect(columnTexts(page, 3).then((values) => values.map(Number))).resolves.toEqual([...means].reverse());
    await expect(page.getByText('Sorted by mean rating, lowest first.').count()).resolves.toBe(1);
    // The most asked question (7 ratings in decided loops, both outcomes) has a correlation; the others say why not.
    const correlations = await columnTexts(page, 5);
    expect(correlations.filter((text) => /^[+\u2212]?\d\.\d\d$/.test(text))).toHaveLength(1);
    expect(correlations.filter((text) => text.startsWith('Too few decided ('))).toHaveLength(2);

    const bad = await page.goto(`${suite.web.baseUrl}/app/analytics?sort=salary`);
    expect(bad?.status()).toBe(400);
    await expect(page.locator('main').innerText()).resolves.toContain('Invalid input: sort');
    await context.close();
  });

  it('the API’s analytics take a position and a period (from ≤ submitted < to); bad ones are refused naming the field', async () => {
    type Body = { items: { interviewer: { name: string }; submitted: number; pillars: ApiCell[] }[] };
    const get = async (query: string): Promise<Body> => (await api('admin').get(`/api/analytics/interviewers?${query}`).expect(200)).body;
    const second = await get(`positionId=${positionIds[1]}`);
    expect(second.items.map((item) => [item.interviewer.name, item.submitted])).toEqual([
      [suite.team.users.harsh!.name, 2],
      [suite.team.users.lenient!.name, 2],
    ]);
    expect(second.items.flatMap((item) => item.pillars.map((cell) => cell.offset))).toEqual([null, null, null]);
    const questionsOfSecond = (await api('admin').get(`/api/analytics/questions?positionId=${positionIds[1]}`).expect(200)).body.items as { timesAsked: number }[];
    expect(questionsOfSecond.map((item) => item.timesAsked).reduce((a, b) => a + b, 0)).toBe(4);
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const inAnHour = new Date(Date.now() + 3_600_000).toISOString();
    await expect(get(`from=${hourAgo}`).then((body) => body.items.length)).resolves.toBe(3);
    await expect(get(`from=${inAnHour}`).then((body) => body.items)).resolves.toEqual([]);
    await expect(get(`to=${hourAgo}`).then((body) => body.items)).resolves.toEqual([]);
    const backwards = await api('admin').get(`/api/analytics/questions?from=${inAnHour}&to=${hourAgo}`).expect(400);
    expect(backwards.body.details.fields.map((field: { field: string }) => field.field)).toEqual(['to']);
    const notUuid = await api('admin').get('/api/analytics/interviewers?positionId=abc').expect(400);
    expect(notUuid.body.details.fields.map((field: { field: string }) => field.field)).toEqual(['positionId']);
    await api('admin').get('/api/analytics/interviewers?from=2025-02-30').expect(400);
    await api('admin').get('/api/analytics/interviewers?positionId=00000000-0000-4000-8000-000000000000').expect(404);
  });

  it('an interviewer and a recruiter are refused the page as the API refuses them (403)', async () => {
    for (const key of ['interviewer', 'recruiter']) {
      const apiStatus = (await api(key).get('/api/analytics/interviewers')).status;
      expect(apiStatus).toBe(403);
      const { context, page } = await openPage(suite.browser);
      await signIn(page, suite.web.baseUrl, suite.team.users[key]!);
      await expect(page.getByRole('navigation').getByRole('link', { name: 'Analytics' }).count()).resolves.toBe(0);
      const response = await page.goto(`${suite.web.baseUrl}/app/analytics`);
      expect(response?.status()).toBe(apiStatus);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('You may not see this page');
      await context.close();
    }
  });

  it('works without JavaScript: the charts are in the HTML, sorting and the numbers open by plain links and details', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.admin!);
    await page.getByRole('navigation').getByRole('link', { name: 'Analytics' }).click();
    await page.waitForURL(/\/app\/analytics$/);
    await expect(page.getByRole('img').count()).resolves.toBe(2);
    await Promise.all([page.waitForURL(/sort=asked&dir=desc/), page.getByRole('link', { name: /^Times asked/ }).click()]);
    await Promise.all([page.waitForURL(/sort=asked&dir=asc/), page.getByRole('link', { name: /^Times asked/ }).click()]);
    await expect(sortedHeaders(page)).resolves.toEqual(['Times asked ▲:ascending']);
    await expect(columnTexts(page, 2)).resolves.toEqual(['3', '4', '7']);
    await page.getByText('Calibration in numbers').click();
    await expect(page.getByRole('table', { name: /^Practical coding/ }).getByRole('row').count()).resolves.toBe(2);

    // The filters are a GET form: the sort is kept, the figures cover the second position's two loops only.
    await page.getByLabel('Position').selectOption({ label: 'ML Engineer' });
    await page.getByLabel('Period').selectOption({ label: 'Last 30 days' });
    await Promise.all([page.waitForURL(/position=/), page.getByRole('button', { name: 'Apply filters' }).click()]);
    const url = new URL(page.url());
    expect(Object.fromEntries(url.searchParams)).toEqual({ position: positionIds[1], period: '30d', sort: 'asked', dir: 'asc' });
    await expect(page.getByText('Scorecards of the loops of ML Engineer, submitted in the last 30 days.').count()).resolves.toBe(1);
    await expect(columnTexts(page, 2)).resolves.toEqual(['1', '1', '2']);
    const svg = chart(page, 'Foundational knowledge').locator('svg');
    await expect(svg.locator('circle').count()).resolves.toBe(0);
    await expect(svg.locator('desc').textContent()).resolves.toContain(`${suite.team.users.harsh!.name}: too few ratings to judge (2 of 5 needed).`);
    await Promise.all([page.waitForURL((next) => !next.searchParams.has('position')), page.getByRole('link', { name: 'Clear filters' }).click()]);
    await expect(page.getByRole('link', { name: 'Clear filters' }).count()).resolves.toBe(0);
    await context.close();
  });

  it('passes axe (WCAG 2.x A/AA) with the numbers open, and fits 320 px without horizontal scrolling', async () => {
    const problems: string[] = [];
    const { context, page } = await openPage(suite.browser, { bypassCSP: true });
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      await page.goto(`${suite.web.baseUrl}/app/analytics`);
      await page.getByText('Calibration in numbers').click();
      problems.push(...(await pageProblems(page, '', width)));
      if (width === 320) {
        await page.getByText('Calibration in numbers').click();
        await screenshot(page, 'analytics-320');
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 60_000);

  it('counts what the first-run steps need, in the owners: interviewers (qualified ones), positions, loops', async () => {
    await expect(suite.web.app.get(UsersService).interviewerCounts(suite.team.organization.id)).resolves.toEqual({ active: 4, qualified: 3 });
    await expect(suite.web.app.get(LoopsService).setupCounts(suite.team.organization.id)).resolves.toEqual({ positions: 2, loops: LOOPS.length });
  });

  describe('a brand-new organization', () => {
    let fresh: TestTeam;
    const freshApi = (key: string) => as(suite.web, fresh.users[key]!);

    beforeAll(async () => {
      fresh = await createTeam(suite.web, { admin: ['admin'], hiringManager: ['hiring_manager'], recruiter: ['recruiter'] });
    });

    const steps = async (page: Page): Promise<{ text: string; href: string | null }[]> => {
      const section = page.locator('section', { has: page.getByRole('heading', { name: 'Get your team started' }) });
      if ((await section.count()) === 0) return [];
      const links = section.getByRole('listitem').getByRole('link');
      return Promise.all((await links.all()).map(async (link) => ({ text: await link.innerText(), href: await link.getAttribute('href') })));
    };

    it('the home page says what to do next, to the roles that can do each step, and each step goes once it is done', async () => {
      await expect(suite.web.app.get(UsersService).interviewerCounts(fresh.organization.id)).resolves.toEqual({ active: 0, qualified: 0 });
      await expect(suite.web.app.get(LoopsService).setupCounts(fresh.organization.id)).resolves.toEqual({ positions: 0, loops: 0 });
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, fresh.users.admin!);
      await expect(steps(page)).resolves.toEqual([
        { text: 'Add interviewers', href: '/app/admin/users' },
        { text: 'Record qualifications', href: '/app/admin/users' },
        { text: 'Create a position', href: '/app/positions/new' },
        { text: 'Start a loop', href: '/app/loops/new' },
      ]);
      await expect(page.getByText('Nothing needs you right now.').count()).resolves.toBe(0);
      await screenshot(page, 'home-first-run-1280');
      await page.setViewportSize({ width: 320, height: 900 });
      await screenshot(page, 'home-first-run-320');
      const linkTexts = async (key: string): Promise<string[]> => {
        const other = await openPage(suite.browser);
        await signIn(other.page, suite.web.baseUrl, fresh.users[key]!);
        const texts = (await steps(other.page)).map((step) => step.text);
        await other.context.close();
        return texts;
      };
      await expect(linkTexts('hiringManager')).resolves.toEqual(['Create a position', 'Start a loop']);
      await expect(linkTexts('recruiter')).resolves.toEqual(['Start a loop']);

      const interviewer = (
        await freshApi('admin')
          .post('/api/users')
          .send({ email: `first.${fresh.organization.id.slice(0, 8)}@example.test`, name: 'First Interviewer', roles: ['interviewer'] })
          .expect(201)
      ).body.id as string;
      await page.reload();
      await expect(steps(page).then((list) => list.map((step) => step.text))).resolves.toEqual(['Record qualifications', 'Create a position', 'Start a loop']);
      const freshPillars = await pillarIdsByKey(freshApi('admin'));
      await qualify(freshApi('admin'), freshPillars, [interviewer]);
      const positionId = await createPosition(freshApi('hiringManager'), { title: 'First role', roleFamily: 'other', level: 'senior', hiringManagerId: fresh.users.hiringManager!.id });
      await page.reload();
      await expect(steps(page).then((list) => list.map((step) => step.text))).resolves.toEqual(['Start a loop']);
      await createLoop(freshApi('recruiter'), { candidateId: await createCandidate(freshApi('recruiter'), { name: 'First Candidate' }), positionId });
      await page.reload();
      await expect(steps(page)).resolves.toEqual([]);
      await context.close();
    });

    it('analytics with no scorecards says so in words; the pages pass axe and fit 320 px', async () => {
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, fresh.users.hiringManager!, undefined, '/login?next=/app/analytics');
      await expect(page.getByText('No scorecard has been submitted yet.').count()).resolves.toBe(1);
      await expect(page.getByText('No question has been asked in a submitted scorecard yet.').count()).resolves.toBe(1);
      await expect(page.getByRole('img').count()).resolves.toBe(0);
      const problems: string[] = [];
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of ['/app/analytics', '/app']) {
          await page.goto(`${suite.web.baseUrl}${path}`);
          problems.push(...(await pageProblems(page, path, width)));
        }
      }
      await screenshot(page, 'home-first-run-hiring-manager-320');
      await context.close();
      expect(problems).toEqual([]);
    });
  });
});

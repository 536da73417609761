import { zonedTime } from '@loopwright/web';
import {
  as,
  browserSuite,
  DEFAULT_TEAM,
  openPage,
  pageProblems,
  roundFor,
  screenshot,
  signIn,
  submitCompleteScorecard,
  type RoundFixture,
} from '@loopwright/testing';
import type { Page } from 'playwright-core';

const HOUR = 3_600_000;
const ZONE = 'Asia/Tokyo';

describe('web: My interviews and the home page (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM });
  let rounds: Record<'upcoming' | 'overdue' | 'due' | 'submitted', RoundFixture>;

  beforeAll(async () => {
    await as(suite.web, suite.team.users.admin!).patch(`/api/users/${suite.team.users.interviewer!.id}`).send({ timezone: ZONE }).expect(200);
    const now = Date.now();
    const make = (candidateName: string, startsAt: number) =>
      roundFor(suite.web, suite.team, { interviewerKey: 'interviewer', candidateName, startsAt: new Date(startsAt) });
    rounds = {
      upcoming: await make('Ada Upcoming', now + 50 * HOUR),
      // Ended 30 hours ago: the write-up was due 6 hours ago.
      overdue: await make('Ben Overdue', now - 31 * HOUR),
      // Ended half an hour ago: nothing late yet (the rating is due in 30 minutes, the write-up in 23.5 hours).
      due: await make('Cleo Due', now - 1.5 * HOUR),
      submitted: await make('Dev Submitted', now - 80 * HOUR),
    };
    await submitCompleteScorecard(suite.web, suite.team, 'interviewer', rounds.submitted.roundId);
  }, 120_000);

  const sectionLinks = async (page: Page, heading: string): Promise<string[]> =>
    page
      .locator('section', { has: page.getByRole('heading', { name: heading, exact: true }) })
      .locator('li.round')
      .getByRole('link')
      .allInnerTexts();

  it('lists my rounds under Upcoming, Needs feedback (due time in my zone, overdue marked) and Submitted, each a link named after the candidate', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!, undefined, '/login?next=/app/interviews');
    expect(new URL(page.url()).pathname).toBe('/app/interviews');
    await expect(page.getByRole('heading', { level: 2 }).allInnerTexts()).resolves.toEqual(['Upcoming', 'Needs feedback', 'Submitted', 'Subscribe in your calendar']);
    expect(await sectionLinks(page, 'Upcoming')).toEqual(['Ada Upcoming']);
    expect(await sectionLinks(page, 'Needs feedback')).toEqual(['Ben Overdue', 'Cleo Due']);
    expect(await sectionLinks(page, 'Submitted')).toEqual(['Dev Submitted']);
    await expect(page.getByRole('link', { name: 'Cleo Due' }).getAttribute('href')).resolves.toBe(`/app/rounds/${rounds.due.roundId}`);

    const item = (name: string) => page.locator('li.round', { has: page.getByRole('link', { name }) });
    const dueText = (round: RoundFixture) => zonedTime(new Date(Date.parse(round.endsAt) + 24 * HOUR), ZONE).text;
    await expect(item('Ben Overdue').innerText()).resolves.toContain(`Overdue Feedback due ${dueText(rounds.overdue)}`);
    const ratingDue = (round: RoundFixture) => zonedTime(new Date(Date.parse(round.endsAt) + HOUR), ZONE).text;
    await expect(item('Ben Overdue').innerText()).resolves.toContain(`Overdue Recommendation was due ${ratingDue(rounds.overdue)}`);
    await expect(item('Cleo Due').innerText()).resolves.toContain(`Feedback due ${dueText(rounds.due)}`);
    await expect(item('Cleo Due').innerText()).resolves.not.toContain('Overdue');
    expect(dueText(rounds.due)).toMatch(/ GMT\+9$/);
    await expect(page.getByText(`Times are in ${ZONE}.`).count()).resolves.toBe(1);
    await screenshot(page, 'interviews-1280');
    await context.close();
  });

  it('the home page shows an interviewer what needs them now', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!);
    expect(await sectionLinks(page, 'Feedback due')).toEqual(['Ben Overdue', 'Cleo Due']);
    await screenshot(page, 'home-1280');
    await context.close();
  });

  it('a recruiter’s home shows loops to schedule and overdue scorecards; My interviews is not theirs (403 page)', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await expect(page.getByRole('heading', { name: 'Overdue scorecards' }).count()).resolves.toBe(1);
    await expect(
      page.locator('section', { has: page.getByRole('heading', { name: 'Overdue scorecards' }) }).innerText(),
    ).resolves.toContain(`${suite.team.users.interviewer!.name}: 1 overdue`);
    await expect(page.getByRole('navigation').getByRole('link').allInnerTexts()).resolves.toEqual([
      'Loops',
      'Candidates',
      'Positions',
      'Question bank',
      'Exports',
    ]);
    const response = await page.goto(`${suite.web.baseUrl}/app/interviews`);
    expect(response?.status()).toBe(403);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('You may not see this page');
    const missing = await page.goto(`${suite.web.baseUrl}/app/no-such-page`);
    expect(missing?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
    await context.close();
  });

  it('every page of mine passes axe (WCAG 2.x A/AA) and has no horizontal scrolling at 320 px', async () => {
    const pagesOf: Record<string, string[]> = {
      interviewer: ['/app', '/app/interviews', '/app/questions', '/app/no-such-page'],
      recruiter: ['/app', '/app/interviews'],
      admin: ['/app', '/app/admin'],
    };
    const problems: string[] = [];
    for (const [key, paths] of Object.entries(pagesOf)) {
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, suite.team.users[key]!);
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        for (const path of paths) {
          await page.goto(`${suite.web.baseUrl}${path}`);
          problems.push(...(await pageProblems(page, `${key} ${path}`, width)));
          if (width === 320 && key === 'interviewer' && (path === '/app' || path === '/app/interviews'))
            await screenshot(page, `${path === '/app' ? 'home' : 'interviews'}-320`);
        }
      }
      await context.close();
    }
    expect(problems).toEqual([]);
  }, 180_000);
});

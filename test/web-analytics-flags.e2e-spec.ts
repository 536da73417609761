import { CalibrationSnapshots } from '@loopwright/scorecards';
import { browserSuite, insertPlantedHistory, openPage, pageProblems, screenshot, signIn, statementsDuring, type PlantedHistory, type TestUser } from '@loopwright/testing';
import type { Page } from 'playwright-core';

interface QuestionItem {
  question: { id: string; title: string };
  lowSignal: boolean;
  signalRank: number | null;
  possibleLeak: { since: string; effect: number; pValue: number } | null;
}

const SHOT_WIDTHS = [1280, 320];

/**
 * The calibration flags where people see them, on the small planted truth (its leaked question is flagged as a
 * possible leak, its two useless ones as low signal): the analytics table, the question page with its suggestion to
 * retire, the bank list. The snapshot is computed once, as the worker does after a submission.
 */
describe('web: calibration flags (real Chromium)', () => {
  const suite = browserSuite();
  let history: PlantedHistory;
  let manager: TestUser;
  let items: QuestionItem[];
  const idOf = (name: string): string => history.ids.get(name)!;
  const itemOf = (name: string): QuestionItem => items.find((item) => item.question.id === idOf(name))!;

  beforeAll(async () => {
    history = await insertPlantedHistory(suite.web);
    await suite.web.app.get(CalibrationSnapshots).refresh(history.team.organization.id);
    manager = history.team.users.admin!;
    const response = await fetch(`${suite.web.baseUrl}/api/analytics/questions`, { headers: { authorization: `Bearer ${manager.token}` } });
    items = ((await response.json()) as { items: QuestionItem[] }).items;
  }, 180_000);

  const signedIn = async (path: string, options: { bypassCSP?: boolean } = {}): Promise<{ page: Page; close: () => Promise<void> }> => {
    const { context, page } = await openPage(suite.browser, options);
    await signIn(page, suite.web.baseUrl, manager, undefined, `/login?next=${encodeURIComponent(path)}`);
    return { page, close: () => context.close() };
  };
  const rowOf = (page: Page, title: string) => page.locator('#question-table tbody tr', { has: page.getByRole('link', { name: title, exact: true }) });

  it('the planted history flags the leak and the useless questions in the API (what the pages show)', () => {
    expect(itemOf(history.truth.leaked).possibleLeak).not.toBeNull();
    expect([...history.truth.useless].map((name) => itemOf(name).lowSignal)).toEqual([true, true]);
  });

  it('the analytics table ranks questions by signal and marks the flagged ones in words, with the snapshot’s time', async () => {
    const { page, close } = await signedIn('/app/analytics');
    const ranked = [...items].filter((item) => item.signalRank !== null).sort((a, b) => a.signalRank! - b.signalRank!);
    const titles = await page.locator('#question-table tbody tr th a').allInnerTexts();
    expect(titles.slice(0, ranked.length)).toEqual(ranked.map((item) => item.question.title));
    await expect(page.locator('th[aria-sort]').innerText()).resolves.toMatch(/^Signal/);
    await expect(rowOf(page, ranked[0]!.question.title).locator('td').last().innerText()).resolves.toMatch(
      new RegExp(`^[+\u2212]\\d\\.\\d\\d \\(95%: .+ to .+; \\d+ candidates\\)\\s+Rank 1 of ${ranked.length}$`),
    );

    const leaked = itemOf(history.truth.leaked);
    const leakRow = rowOf(page, leaked.question.title);
    const since = new Date(leaked.possibleLeak!.since).toLocaleDateString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
    await expect(leakRow.locator('.tag--flag').allInnerTexts()).resolves.toContain(`Possible leak since ${since}`);
    const words = await leakRow.locator('.signal-marks__why').first().innerText();
    expect(words).toContain(`From ${since} on, candidates are rated ${Math.abs(leaked.possibleLeak!.effect).toFixed(1)} points higher`);
    expect(words).toMatch(/A change this large by chance alone: (about|less than) 1 in [\d,]+\.$/);
    for (const name of history.truth.useless) await expect(rowOf(page, itemOf(name).question.title).locator('.tag--flag').allInnerTexts()).resolves.toContain('Low signal');
    const clean = items.find((item) => !item.lowSignal && !item.possibleLeak)!;
    await expect(rowOf(page, clean.question.title).locator('.tag--flag').count()).resolves.toBe(0);
    const flagged = items.filter((item) => item.lowSignal || item.possibleLeak).length;
    await expect(page.locator('#questions-flags').innerText()).resolves.toMatch(new RegExp(`^${flagged} questions are flagged \\(`));
    await expect(page.locator('#questions-sort time').getAttribute('datetime')).resolves.toMatch(/^\d{4}-\d\d-\d\dT/);
    await close();
  });

  it('the bank list marks a flagged question in its row, from one read of the snapshot for the whole page', async () => {
    const { page, close } = await signedIn('/app/questions');
    const leaked = itemOf(history.truth.leaked);
    const search = `/app/questions?q=${encodeURIComponent(`"${leaked.question.title}"`)}`;
    const statements = await statementsDuring(() => page.goto(`${suite.web.baseUrl}${search}`));
    expect(statements.filter((statement) => statement.includes('calibration_snapshots'))).toHaveLength(1);
    const result = page.locator('.question-result', { has: page.getByRole('link', { name: leaked.question.title, exact: true }) });
    await expect(result.locator('.tag--flag').first().innerText()).resolves.toMatch(/^Possible leak since \d{1,2} \w{3} \d{4}$/);
    await close();
  });

  it('the question page of a flagged question shows the flags, suggests retiring it and offers the retire form filled in', async () => {
    const leaked = itemOf(history.truth.leaked);
    const { page, close } = await signedIn(`/app/questions/${leaked.question.id}`);
    // Its own figures from the snapshot: no aggregation over the organization's scorecards for this view.
    const statements = await statementsDuring(() => page.reload());
    expect(statements.filter((statement) => statement.includes('calibration_snapshots'))).toHaveLength(1);
    expect(statements.filter((statement) => /FROM scorecards s\b/.test(statement))).toEqual([]);
    const flags = page.locator('section', { has: page.getByRole('heading', { name: 'Flagged by the analytics' }) });
    await expect(flags.locator('.tag--flag').first().innerText()).resolves.toMatch(/^Possible leak since /);
    await expect(flags.innerText()).resolves.toContain('Consider retiring this question');
    await expect(page.locator('h3:has-text("Analytics") + dl').innerText()).resolves.toMatch(/Signal\s+[+\u2212]\d\.\d\d \(95%: .+\), rank \d+/);
    await page.getByRole('link', { name: 'Retire it below' }).click();
    await expect(page.getByLabel('Reason').inputValue()).resolves.toMatch(/^Possible leak since /);
    await Promise.all([page.waitForURL(/notice=retired/), page.getByRole('button', { name: 'Retire question' }).click()]);
    await expect(page.locator('.retired-note').innerText()).resolves.toMatch(/Reason: Possible leak since /);
    // Retired: the flags stay readable, the suggestion goes.
    await expect(flags.locator('.tag--flag').count()).resolves.toBeGreaterThan(0);
    await expect(page.getByText('Consider retiring this question').count()).resolves.toBe(0);
    await close();
  });

  it('the pages with flags pass axe (WCAG 2.x A/AA) and fit 320 px without horizontal scrolling', async () => {
    const useless = itemOf([...history.truth.useless][0]!);
    const pages: [string, string][] = [
      ['analytics-flags', '/app/analytics'],
      ['question-low-signal', `/app/questions/${useless.question.id}`],
      ['questions-flags', `/app/questions?q=${encodeURIComponent(`"${useless.question.title}"`)}`],
    ];
    const { page, close } = await signedIn('/app', { bypassCSP: true });
    const problems: string[] = [];
    for (const width of SHOT_WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of pages) {
        await page.goto(`${suite.web.baseUrl}${path}`);
        problems.push(...(await pageProblems(page, path, width)));
        await screenshot(page, `${name}-${width}`);
      }
    }
    await close();
    expect(problems).toEqual([]);
  }, 90_000);
});

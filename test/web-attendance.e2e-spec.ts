/// <reference lib="dom" />
import {
  as,
  axeViolations,
  browserSuite,
  describeViolations,
  LOOP_TEAM,
  openPage,
  roundFor,
  screenshot,
  scrollWidth,
  signIn,
  SCREENSHOT_DIR,
  type RoundFixture,
} from '@loopwright/testing';
import path from 'node:path';
import type { Page } from 'playwright-core';

/** The round page's **I did not attend** and the debrief's **Remind now**, in real Chromium (no JavaScript for the first). */
const JOURNEY_MS = 180_000;
const HOUR = 3_600_000;

describe('web: "I did not attend" on the round page, Remind now on the debrief', () => {
  const suite = browserSuite({ team: LOOP_TEAM });
  const user = (key: string) => suite.team.users[key]!;
  const api = (key: string) => as(suite.web, user(key));
  const noViolations = async (page: Page) => expect(describeViolations(await axeViolations(page))).toBe('');
  const fitsAt320 = async (page: Page) => expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
  let loop: RoundFixture;
  let omarRoundId: string;

  beforeAll(async () => {
    // Yesterday: i1's round at 09:00 UTC, then i2's in the same loop at 11:00.
    const yesterday = new Date(Date.now() - 24 * HOUR);
    yesterday.setUTCHours(9, 0, 0, 0);
    loop = await roundFor(suite.web, suite.team, { interviewerKey: 'i1', candidateName: 'Grace Hopper', startsAt: yesterday });
    const pillars = (await api('admin').get('/api/pillars').expect(200)).body as { id: string; key: string }[];
    await api('admin')
      .put(`/api/users/${user('i2').id}/qualifications`)
      .send(pillars.map((pillar) => ({ pillarId: pillar.id, level: 'qualified' })))
      .expect(200);
    const withSecond = await api('recruiter')
      .post(`/api/loops/${loop.loopId}/rounds`)
      .send({
        title: 'Coding',
        pillarIds: [pillars.find((pillar) => pillar.key === 'coding')!.id],
        interviewerId: user('i2').id,
        startsAt: new Date(yesterday.getTime() + 2 * HOUR).toISOString(),
        endsAt: new Date(yesterday.getTime() + 3 * HOUR).toISOString(),
      })
      .expect(201);
    omarRoundId = (withSecond.body.rounds as { id: string; title: string }[]).find((round) => round.title === 'Coding')!.id;
  }, JOURNEY_MS);

  it(
    'the interviewer says, without JavaScript, that they did not attend; the page then offers nothing to fill, the plan says so',
    async () => {
      // axe runs in the page: these looks are with JavaScript; the journey itself goes without.
      for (const width of [1280, 320]) {
        const { context, page } = await openPage(suite.browser, { width, bypassCSP: true });
        await signIn(page, suite.web.baseUrl, user('i1'), undefined, `/app/rounds/${loop.roundId}`);
        await expect(page.getByRole('heading', { name: 'Did not attend?' }).isVisible()).resolves.toBe(true);
        await noViolations(page);
        if (width === 320) await fitsAt320(page);
        await screenshot(page, `attendance-round-before-${width}`);
        await context.close();
      }

      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('i1'), undefined, `/app/rounds/${loop.roundId}`);
      // The box must be ticked: the browser refuses the form without it, and so would the server.
      await page.getByRole('button', { name: 'I did not attend' }).click();
      await expect(page.getByRole('heading', { name: 'You did not attend' }).count()).resolves.toBe(0);
      await page.getByLabel('Yes, I was not at this interview').check();
      await Promise.all([page.waitForURL(/notice=not-attended/), page.getByRole('button', { name: 'I did not attend' }).click()]);
      await expect(page.getByRole('status').innerText()).resolves.toContain('Recorded: you did not attend this round');
      await expect(page.getByRole('heading', { name: 'You did not attend' }).isVisible()).resolves.toBe(true);
      await expect(page.getByText('There is nothing for you to fill in.').isVisible()).resolves.toBe(true);
      for (const name of ['Save draft', 'Submit scorecard', 'I did not attend']) await expect(page.getByRole('button', { name }).count()).resolves.toBe(0);
      await expect(page.getByRole('textbox').count()).resolves.toBe(0);
      await context.close();

      const after = await openPage(suite.browser, { bypassCSP: true });
      await signIn(after.page, suite.web.baseUrl, user('i1'), undefined, `/app/rounds/${loop.roundId}`);
      await expect(after.page.getByRole('heading', { name: 'You did not attend' }).isVisible()).resolves.toBe(true);
      await noViolations(after.page);
      await screenshot(after.page, 'attendance-round-after-1280');
      await after.page.setViewportSize({ width: 320, height: 900 });
      await fitsAt320(after.page);
      await screenshot(after.page, 'attendance-round-after-320');
      await after.context.close();

      const plan = await openPage(suite.browser, { bypassCSP: true });
      await signIn(plan.page, suite.web.baseUrl, user('recruiter'), undefined, `/app/loops/${loop.loopId}`);
      await expect(plan.page.getByText(`${user('i1').name} says they did not attend.`).isVisible()).resolves.toBe(true);
      await noViolations(plan.page);
      await plan.page.locator(`#round-${loop.roundId}`).screenshot({ path: path.join(SCREENSHOT_DIR, 'attendance-plan-round-1280.png') });
      await plan.page.setViewportSize({ width: 320, height: 900 });
      await fitsAt320(plan.page);
      await plan.page.locator(`#round-${loop.roundId}`).screenshot({ path: path.join(SCREENSHOT_DIR, 'attendance-plan-round-320.png') });
      await plan.context.close();
    },
    JOURNEY_MS,
  );

  it(
    'the recruiter reminds the interviewer who has not submitted; the button goes while the seat was reminded recently',
    async () => {
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, user('recruiter'), undefined, `/app/loops/${loop.loopId}/debrief`);
      const missing = page.getByRole('region', { name: 'Not submitted yet' });
      const i1Item = missing.getByRole('listitem').filter({ hasText: user('i1').name });
      const i2Item = missing.getByRole('listitem').filter({ hasText: user('i2').name });
      // Who said they did not attend is not reminded: the recruiter reassigns or cancels instead.
      await expect(i1Item.innerText()).resolves.toContain('Says they did not attend');
      await expect(i1Item.getByRole('button', { name: /Remind now/ }).count()).resolves.toBe(0);
      await expect(i2Item.getByRole('button', { name: /Remind now/ }).count()).resolves.toBe(1);
      await noViolations(page);
      await screenshot(page, 'attendance-debrief-before-1280');

      await Promise.all([page.waitForEvent('load'), i2Item.getByRole('button', { name: /^Remind now\s+for / }).click()]);
      await expect(page.getByRole('main').innerText()).resolves.toContain('Reminder sent');
      expect(page.url()).toContain('notice=reminded');
      await expect(i2Item.innerText()).resolves.toMatch(/Reminded less than a minute ago .*you can remind again from/);
      await expect(i2Item.getByRole('button', { name: /Remind now/ }).count()).resolves.toBe(0);
      await noViolations(page);
      await screenshot(page, 'attendance-debrief-after-1280');
      await page.setViewportSize({ width: 320, height: 900 });
      await fitsAt320(page);
      await screenshot(page, 'attendance-debrief-after-320');
      await context.close();

      const queued = await suite.web.dataSource.query<{ recipient_user_id: string }[]>(
        `SELECT recipient_user_id FROM mail_outbox WHERE kind = 'reminder-now' AND idempotency_key LIKE $1`,
        [`reminder-now:${omarRoundId}:%`],
      );
      expect(queued).toEqual([{ recipient_user_id: user('i2').id }]);
      // The API agrees: too soon for another.
      expect((await api('recruiter').post(`/api/rounds/${omarRoundId}/remind`).send({}).expect(429)).body.code).toBe('REMINDED_RECENTLY');
    },
    JOURNEY_MS,
  );
});

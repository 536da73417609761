/// <reference lib="dom" />
import {
  as,
  axeViolations,
  browserSuite,
  describeViolations,
  openPage,
  saveScorecard,
  screenshot,
  scrollWidth,
  signIn,
  submitScorecard,
  type TestUser,
} from '@loopwright/testing';
import type { Page } from 'playwright-core';
import { COMPLETE_SUMMARY, group, otherScorecardAuthors, roundFixture, type RoundFixture } from './web-round-fixtures.js';

/** A journey through a real browser on a busy machine takes a while; nothing here waits on the clock. */
const JOURNEY_MS = 180_000;

/**
 * The round page without JavaScript (plain forms, 303 back), with the keyboard alone, and what each person sees on it
 * compared with what the API gives the same person (real Chromium).
 */
describe('web: the round page without JavaScript, by keyboard, and as the API says', () => {
  const suite = browserSuite();
  let fixture: RoundFixture;

  beforeAll(async () => {
    fixture = await roundFixture(suite.web);
  });

  const user = (key: string): TestUser => fixture.team.users[key]!;
  const roundPath = (roundId: string) => `/app/rounds/${roundId}`;
  const field = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  const submitted = async (page: Page, button: string, url: RegExp | string): Promise<void> => {
    await Promise.all([page.waitForURL(url), page.getByRole('button', { name: button }).click()]);
  };

  it(
    'the journey without JavaScript: Save draft, reload, a conflict losing nothing, submit incomplete, submit, amend',
    async () => {
      const loop = await fixture.newLoop();
      const first = await openPage(suite.browser, { javaScriptEnabled: false });
      const page = first.page;
      await signIn(page, suite.web.baseUrl, user('interviewer'));
      await page.getByRole('link', { name: 'My interviews' }).first().click();
      await page.getByRole('link', { name: loop.candidateName }).click();

      await group(page, 'Foundational knowledge').getByLabel('No', { exact: true }).check();
      await field(page, 'Notes for Foundational knowledge').fill('Confused bias with variance.');
      await group(page, 'Practical coding').getByLabel('Yes', { exact: true }).check();
      await field(page, `Notes on ${fixture.questions[0]!.title}`).fill('Needed the chain rule spelled out.');
      await submitted(page, 'Save draft', /notice=saved/);
      await expect(page.locator('#autosave-status').innerText()).resolves.toBe('Saved');
      await page.reload();
      await expect(group(page, 'Foundational knowledge').getByLabel('No', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(group(page, 'Practical coding').getByLabel('Yes', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(field(page, 'Notes for Foundational knowledge').inputValue()).resolves.toBe('Confused bias with variance.');
      await expect(field(page, `Notes on ${fixture.questions[0]!.title}`).inputValue()).resolves.toBe('Needed the chain rule spelled out.');

      // Another window saves first; this one's Save draft is refused as a conflict, with what was typed still in the form.
      const second = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(second.page, suite.web.baseUrl, user('interviewer'), undefined, roundPath(loop.roundId));
      await field(second.page, 'Summary').fill('Saved from the other window first.');
      await submitted(second.page, 'Save draft', /notice=saved/);
      await field(page, 'Notes for Practical coding').fill('Typed here, saved second.');
      await submitted(page, 'Save draft', `${suite.web.baseUrl}${roundPath(loop.roundId)}/scorecard`);
      await expect(page.getByRole('alert').filter({ hasText: 'changed somewhere else' }).count()).resolves.toBe(1);
      await expect(field(page, 'Notes for Practical coding').inputValue()).resolves.toBe('Typed here, saved second.');
      const api = as(suite.web, user('interviewer'));
      const stored = (await api.get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(stored.summary).toBe('Saved from the other window first.');

      await page.getByRole('button', { name: 'Load the other version' }).click();
      await page.getByText('The other version is loaded').waitFor();
      await expect(field(page, 'Summary').inputValue()).resolves.toBe('Saved from the other window first.');
      await expect(page.locator('.kept__text').allInnerTexts()).resolves.toContain('Typed here, saved second.');
      await field(page, 'Notes for Practical coding').fill('Typed here, saved second.');

      // Submit without a recommendation: refused, the missing field named next to it.
      await submitted(page, 'Submit scorecard', `${suite.web.baseUrl}${roundPath(loop.roundId)}/scorecard`);
      await expect(page.locator('#error-summary a').allInnerTexts()).resolves.toEqual(['Choose a recommendation']);
      await expect(group(page, 'Recommendation').locator('.field-error').innerText()).resolves.toContain('Choose a recommendation');
      await expect(field(page, 'Notes for Practical coding').inputValue()).resolves.toBe('Typed here, saved second.');

      await group(page, 'Recommendation').getByLabel('No', { exact: true }).check();
      await field(page, 'Summary').fill(COMPLETE_SUMMARY);
      await submitted(page, 'Submit scorecard', /notice=submitted/);
      await expect(otherScorecardAuthors(page)).resolves.toEqual([user('interviewer2').name]);

      await group(page, 'Recommendation').getByLabel('Yes', { exact: true }).check();
      await field(page, 'Reason').fill('Discussed the coding round with the candidate’s references in mind.');
      await submitted(page, 'Amend scorecard', /notice=amended/);
      await expect(page.locator('.amendments').innerText()).resolves.toContain('Recommendation: Yes');
      const card = (await api.get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(card).toMatchObject({ status: 'submitted', recommendation: 'no', effective: { recommendation: 'yes' } });
      expect(card.ratings).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ pillarId: fixture.pillars.coding, rating: 'yes', notes: 'Typed here, saved second.' }),
        ]),
      );
      await first.context.close();
      await second.context.close();
    },
    JOURNEY_MS,
  );

  /** Presses Tab until the focused element matches, as a keyboard user would (at most `limit` presses). */
  async function tabTo(
    page: Page,
    matches: (element: { tag: string; name: string; text: string; label: string }) => boolean,
    limit = 60,
  ): Promise<void> {
    for (let presses = 0; presses < limit; presses += 1) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLInputElement | null;
        return {
          tag: element?.tagName.toLowerCase() ?? '',
          name: element?.getAttribute('name') ?? '',
          text: element?.textContent?.trim() ?? '',
          label: element?.labels?.[0]?.textContent?.trim() ?? '',
        };
      });
      if (matches(focused)) return;
    }
    throw new Error('the element was not reached with Tab');
  }

  /** The focused control, or the label drawn for a radio, has a visible outline. */
  const focusIsVisible = (page: Page): Promise<boolean> =>
    page.evaluate(() => {
      const element = document.activeElement as HTMLInputElement;
      const drawn = element.type === 'radio' ? element.labels![0]! : element;
      const style = getComputedStyle(drawn);
      return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2;
    });

  it(
    'the journey with the keyboard alone: sign in, My interviews, rate with arrow keys, submit',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser);
      await page.goto(`${suite.web.baseUrl}/login`);
      await tabTo(page, (element) => element.name === 'email');
      await page.keyboard.type(user('interviewer').email);
      await page.keyboard.press('Tab');
      await page.keyboard.type('correct-horse-battery');
      await Promise.all([page.waitForURL(`${suite.web.baseUrl}/app`), page.keyboard.press('Enter')]);
      await tabTo(page, (element) => element.tag === 'a' && element.text === 'My interviews');
      await Promise.all([page.waitForURL(/\/app\/interviews$/), page.keyboard.press('Enter')]);
      await tabTo(page, (element) => element.tag === 'a' && element.text === loop.candidateName);
      await Promise.all([page.waitForURL(new RegExp(`${roundPath(loop.roundId)}$`)), page.keyboard.press('Enter')]);

      // Into the first pillar's radio group: the arrows move the choice (native radios).
      await tabTo(page, (element) => element.name === `rating:${fixture.pillars.foundations}`);
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(group(page, 'Foundational knowledge').getByLabel('Yes', { exact: true }).isChecked()).resolves.toBe(true);
      await page.keyboard.press('Tab');
      await expect(page.evaluate(() => (document.activeElement as HTMLTextAreaElement).id)).resolves.toBe(
        `notes-${fixture.pillars.foundations}`,
      );
      expect(await focusIsVisible(page)).toBe(true);
      await page.keyboard.type('Explained regularisation with a plot.');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(group(page, 'Practical coding').getByLabel('Strong yes', { exact: true }).isChecked()).resolves.toBe(true);
      await tabTo(page, (element) => element.name === 'recommendation');
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowRight');
      await page.keyboard.press('ArrowRight');
      await expect(group(page, 'Recommendation').getByLabel('Yes', { exact: true }).isChecked()).resolves.toBe(true);
      await tabTo(page, (element) => element.name === 'summary');
      await page.keyboard.type(COMPLETE_SUMMARY);
      await tabTo(page, (element) => element.tag === 'button' && element.text === 'Submit scorecard');
      expect(await focusIsVisible(page)).toBe(true);
      await Promise.all([page.waitForURL(/notice=submitted/), page.keyboard.press('Enter')]);
      await page.getByRole('heading', { name: 'Other scorecards' }).waitFor();
      const card = (await as(suite.web, user('interviewer')).get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(card).toMatchObject({ status: 'submitted', recommendation: 'yes', summary: COMPLETE_SUMMARY });
      await context.close();
    },
    JOURNEY_MS,
  );

  /** The page's text for one person, and what the API lets the same person read of the loop's scorecards. */
  async function pageAndApi(
    key: string,
    loop: { loopId: string; roundId: string },
  ): Promise<{ page: Page; close: () => Promise<void>; apiStatus: number; apiAuthors: string[] }> {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, user(key), undefined, roundPath(loop.roundId));
    const response = await as(suite.web, user(key)).get(`/api/loops/${loop.loopId}/scorecards`);
    const apiAuthors =
      response.status === 200
        ? (response.body.items as { authorId: string; author: { name: string } }[])
            .filter((card) => card.authorId !== user(key).id)
            .map((card) => card.author.name)
            .sort()
        : [];
    return { page, close: () => context.close(), apiStatus: response.status, apiAuthors };
  }

  it(
    'without JavaScript, a Save draft after the scorecard was submitted elsewhere keeps the typing in the amendment form',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('interviewer'), undefined, roundPath(loop.roundId));
      await submitScorecard(as(suite.web, user('interviewer')), loop.roundId, {
        ratings: [
          { pillarId: fixture.pillars.foundations, rating: 'yes', notes: 'Submitted elsewhere.' },
          { pillarId: fixture.pillars.coding, rating: 'yes', notes: 'Submitted elsewhere.' },
        ],
        recommendation: 'yes',
        summary: COMPLETE_SUMMARY,
      });
      await group(page, 'Recommendation').getByLabel('Strong yes', { exact: true }).check();
      await field(page, `Notes on ${fixture.questions[0]!.title}`).fill('Question notes typed in the stale tab.');
      await field(page, 'Summary').fill(`${COMPLETE_SUMMARY} Typed in the stale tab.`);
      const [response] = await Promise.all([page.waitForResponse(/\/scorecard$/), page.getByRole('button', { name: 'Save draft' }).click()]);
      expect(response.status()).toBe(409);
      await page.getByRole('alert').filter({ hasText: 'submitted somewhere else' }).waitFor();
      await expect(group(page, 'Recommendation').getByLabel('Strong yes', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(field(page, 'New summary').inputValue()).resolves.toBe(`${COMPLETE_SUMMARY} Typed in the stale tab.`);
      // Notes on questions cannot be amended: they are shown, to copy.
      await expect(page.locator('.kept__text').allInnerTexts()).resolves.toEqual(['Question notes typed in the stale tab.']);
      const stored = (await as(suite.web, user('interviewer')).get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(stored).toMatchObject({ status: 'submitted', recommendation: 'yes', summary: COMPLETE_SUMMARY });
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'a former interviewer reads the draft they kept, read-only, as the API gives it; the new interviewer starts empty',
    async () => {
      const loop = await fixture.newLoop();
      await saveScorecard(as(suite.web, user('interviewer')), loop.roundId, {
        ratings: [{ pillarId: fixture.pillars.coding, rating: 'no', notes: 'KEPT-DRAFT-NOTE' }],
        questionsAsked: [{ questionId: fixture.questions[1]!.id, notes: 'KEPT-QUESTION-NOTE' }],
      });
      await as(suite.web, user('recruiter'))
        .patch(`/api/loops/${loop.loopId}/rounds/${loop.roundId}`)
        .send({ interviewerId: user('outsider').id })
        .expect(200);
      const api = (await as(suite.web, user('interviewer')).get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(api.detached).toBe(true);

      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('interviewer'));
      const response = await page.goto(`${suite.web.baseUrl}${roundPath(loop.roundId)}`);
      expect(response!.status()).toBe(200);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Your draft of a round you left');
      await expect(page.locator('.ratings').innerText()).resolves.toContain('KEPT-DRAFT-NOTE');
      await expect(page.getByText('KEPT-QUESTION-NOTE').count()).resolves.toBe(1);
      await expect(page.getByText(fixture.questions[1]!.title).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(0);
      // Not the kit: the API no longer gives it to them.
      await as(suite.web, user('interviewer')).get(`/api/rounds/${loop.roundId}/kit`).expect(404);
      await expect(page.locator('article.question').count()).resolves.toBe(0);
      await context.close();
      for (const width of [1280, 320]) {
        const checked = await openPage(suite.browser, { width, bypassCSP: true });
        await signIn(checked.page, suite.web.baseUrl, user('interviewer'), undefined, roundPath(loop.roundId));
        expect(describeViolations(await axeViolations(checked.page))).toBe('');
        expect(await scrollWidth(checked.page)).toBeLessThanOrEqual(width);
        await screenshot(checked.page, `round-detached-${width}`);
        await checked.context.close();
      }

      const next = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(next.page, suite.web.baseUrl, user('outsider'), undefined, roundPath(loop.roundId));
      await expect(field(next.page, 'Notes for Practical coding').inputValue()).resolves.toBe('');
      expect(await next.page.content()).not.toContain('KEPT-');
      await next.context.close();
    },
    JOURNEY_MS,
  );

  it(
    'shows each person what the API shows them: drafts stay private, the others stay hidden until one submits, shadows too',
    async () => {
      const loop = await fixture.newLoop();
      const api = as(suite.web, user('interviewer'));
      const draft = (await api.get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      await api
        .put(`/api/rounds/${loop.roundId}/scorecard`)
        .send({
          version: draft.version,
          ratings: [{ pillarId: fixture.pillars.coding, rating: 'yes', notes: 'PRIVATE-DRAFT-NOTE' }],
          summary: 'PRIVATE-DRAFT-SUMMARY',
        })
        .expect(200);

      // The interviewer before submitting: their own draft, no other scorecard (the API: 403 SUBMIT_YOURS_FIRST).
      const interviewer = await pageAndApi('interviewer', loop);
      expect(interviewer.apiStatus).toBe(403);
      await expect(interviewer.page.getByRole('heading', { name: 'Other scorecards' }).count()).resolves.toBe(0);
      await expect(interviewer.page.locator('#others-hidden').count()).resolves.toBe(1);
      await expect(field(interviewer.page, 'Notes for Practical coding').inputValue()).resolves.toBe('PRIVATE-DRAFT-NOTE');
      await interviewer.close();

      // The shadow: the kit and a scorecard of their own; never the interviewer's draft; the others hidden as in the API.
      const shadow = await pageAndApi('trainee', loop);
      expect(shadow.apiStatus).toBe(403);
      await expect(shadow.page.getByRole('heading', { name: /Your scorecard/ }).innerText()).resolves.toContain('Shadow');
      await expect(shadow.page.locator('article.question').count()).resolves.toBe(2);
      expect(await shadow.page.content()).not.toContain('PRIVATE-DRAFT');
      await expect(field(shadow.page, 'Notes for Practical coding').inputValue()).resolves.toBe('');
      await expect(shadow.page.getByRole('heading', { name: 'Other scorecards' }).count()).resolves.toBe(0);
      await group(shadow.page, 'Foundational knowledge').getByLabel('Yes', { exact: true }).check();
      await group(shadow.page, 'Practical coding').getByLabel('No', { exact: true }).check();
      await group(shadow.page, 'Recommendation').getByLabel('No', { exact: true }).check();
      await field(shadow.page, 'Summary').fill('Shadow’s view: careful but slow on the coding.');
      await submitted(shadow.page, 'Submit scorecard', /notice=submitted/);
      await shadow.close();
      const shadowAfter = await pageAndApi('trainee', loop);
      expect(shadowAfter.apiStatus).toBe(200);
      await expect(otherScorecardAuthors(shadowAfter.page)).resolves.toEqual(shadowAfter.apiAuthors);
      expect(shadowAfter.apiAuthors).toEqual([user('interviewer2').name]);
      expect(await shadowAfter.page.content()).not.toContain('PRIVATE-DRAFT');
      await shadowAfter.close();

      // Staff who are not on the round read the kit, with no scorecard of theirs (the API: 403 on the scorecard).
      const recruiter = await pageAndApi('recruiter', loop);
      await as(suite.web, user('recruiter')).get(`/api/rounds/${loop.roundId}/scorecard`).expect(403);
      await expect(recruiter.page.getByText('Only the round’s interviewer and its shadows have a scorecard').count()).resolves.toBe(1);
      await expect(recruiter.page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(0);
      expect(await recruiter.page.content()).not.toContain('PRIVATE-DRAFT');
      await recruiter.close();

      // An interviewer of the organization who is not on the round: 404, as the kit's API route answers.
      await as(suite.web, user('outsider')).get(`/api/rounds/${loop.roundId}/kit`).expect(404);
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('outsider'));
      const response = await page.goto(`${suite.web.baseUrl}${roundPath(loop.roundId)}`);
      expect(response!.status()).toBe(404);
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Page not found');
      await context.close();
    },
    JOURNEY_MS,
  );
});

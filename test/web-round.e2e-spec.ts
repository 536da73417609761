/// <reference lib="dom" />
import { as, axeViolations, browserSuite, describeViolations, openPage, screenshot, scrollWidth, signIn, submitScorecard, type PageOptions } from '@loopwright/testing';
import type { Page } from 'playwright-core';
import { COMPLETE_SUMMARY, group, otherScorecardAuthors, roundFixture, statusSays, type RoundFixture } from './web-round-fixtures.js';

/** The round page with JavaScript: the kit, autosave, a conflict with another tab, submit, amend (real Chromium). */
/** A journey through a real browser on a busy machine takes a while; nothing here waits on the clock. */
const JOURNEY_MS = 180_000;

describe('web: the round page with autosave', () => {
  // A short autosave delay, so that the tests wait on the page's own events rather than on the clock.
  const suite = browserSuite({ environment: { AUTOSAVE_DELAY_MS: '150' } });
  let fixture: RoundFixture;

  beforeAll(async () => {
    fixture = await roundFixture(suite.web);
  });

  const interviewer = () => as(suite.web, fixture.team.users.interviewer!);
  const roundUrl = (roundId: string) => `${suite.web.baseUrl}/app/rounds/${roundId}`;
  const notes = (page: Page, label: string) => page.getByLabel(label, { exact: true });
  /** A page on the round, signed in as its interviewer. */
  const openRound = async (roundId: string, options?: PageOptions) => {
    const opened = await openPage(suite.browser, options);
    await signIn(opened.page, suite.web.baseUrl, fixture.team.users.interviewer!, undefined, `/app/rounds/${roundId}`);
    return opened;
  };
  /** A new loop, and a page on its round signed in as its interviewer. */
  const openNewRound = async (options?: PageOptions) => {
    const loop = await fixture.newLoop();
    return { loop, ...(await openRound(loop.roundId, options)) };
  };

  it(
    'shows the kit: candidate, round, time in my zone, pillars, questions with the prompt as Markdown, rubric anchors and follow-ups',
    async () => {
      const { loop, context, page } = await openNewRound();
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(loop.candidateName);
      await expect(page.getByText('Foundations and coding').first().isVisible()).resolves.toBe(true);
      // The round's time in my zone (the organization's default, UTC here), the zone named.
      await expect(page.locator('p.round-meta', { has: page.locator('time') }).innerText()).resolves.toMatch(
        /^\w{3} \d{1,2} Jan 2025, 09:00 to 10:00 UTC$/,
      );
      const question = page.locator('article.question').filter({ hasText: fixture.questions[0]!.title });
      await expect(question.locator('.prompt strong').innerText()).resolves.toBe('one step');
      await expect(question.locator('.prompt li').count()).resolves.toBe(2);
      // Raw HTML in a prompt stays text.
      await expect(question.locator('.prompt script').count()).resolves.toBe(0);
      await expect(question.locator('.prompt').innerText()).resolves.toContain('<script>alert(1)</script>');
      await expect(question.locator('.rubric dt').allInnerTexts()).resolves.toEqual(['Strong no', 'No', 'Yes', 'Strong yes']);
      await expect(question.locator('.follow-ups li').innerText()).resolves.toBe('What if the data does not fit in memory?');
      // The form's fixed labels.
      for (const pillar of ['Foundational knowledge', 'Practical coding']) {
        const radios = group(page, pillar).getByRole('radio');
        await expect(
          radios.evaluateAll((inputs) => inputs.map((input) => (input as HTMLInputElement).labels?.[0]?.textContent?.trim())),
        ).resolves.toEqual(['Strong no', 'No', 'Yes', 'Strong yes', 'Not assessed']);
        await expect(notes(page, `Notes for ${pillar}`).count()).resolves.toBe(1);
      }
      for (const planned of fixture.questions) await expect(notes(page, `Notes on ${planned.title}`).count()).resolves.toBe(1);
      await expect(group(page, 'Recommendation').getByRole('radio').count()).resolves.toBe(4);
      await expect(notes(page, 'Summary').count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(1);
      await expect(page.getByRole('button', { name: 'Submit scorecard' }).count()).resolves.toBe(1);
      await expect(page.getByText('stay hidden until you submit yours').count()).resolves.toBe(1);
      await expect(page.getByRole('heading', { name: 'Other scorecards' }).count()).resolves.toBe(0);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'the journey: autosave, reload, a conflict with another tab losing nothing, submit incomplete, submit, amend',
    async () => {
      const loop = await fixture.newLoop();
      const first = await openPage(suite.browser);
      const page = first.page;
      await signIn(page, suite.web.baseUrl, fixture.team.users.interviewer!);
      await page.getByRole('navigation').getByRole('link', { name: 'My interviews' }).click();
      await page.getByRole('link', { name: loop.candidateName }).click();
      await page.waitForURL(roundUrl(loop.roundId));

      // Two pillars and notes, then "Saved" from autosave (no button pressed).
      await group(page, 'Foundational knowledge').getByLabel('Yes', { exact: true }).check();
      await notes(page, 'Notes for Foundational knowledge').fill('Derived the update rule unprompted.');
      await group(page, 'Practical coding').getByLabel('Strong yes', { exact: true }).check();
      await notes(page, `Notes on ${fixture.questions[1]!.title}`).fill('Used a closure and a timer id.');
      await statusSays(page, 'Saved');
      const saved = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(saved.ratings).toEqual(
        expect.arrayContaining([
          { pillarId: fixture.pillars.foundations, rating: 'yes', notes: 'Derived the update rule unprompted.' },
          { pillarId: fixture.pillars.coding, rating: 'strong_yes', notes: null },
        ]),
      );
      expect(saved.questionsAsked).toEqual([
        expect.objectContaining({ questionId: fixture.questions[1]!.id, notes: 'Used a closure and a timer id.' }),
      ]);

      await page.reload();
      await expect(group(page, 'Foundational knowledge').getByLabel('Yes', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(group(page, 'Practical coding').getByLabel('Strong yes', { exact: true }).isChecked()).resolves.toBe(true);
      await expect(notes(page, 'Notes for Foundational knowledge').inputValue()).resolves.toBe('Derived the update rule unprompted.');
      await expect(notes(page, `Notes on ${fixture.questions[1]!.title}`).inputValue()).resolves.toBe('Used a closure and a timer id.');

      // Another tab (another browser context, same person) saves the summary.
      const second = await openPage(suite.browser);
      await signIn(second.page, suite.web.baseUrl, fixture.team.users.interviewer!, undefined, `/app/rounds/${loop.roundId}`);
      await notes(second.page, 'Summary').fill('Written in the other tab: strong on fundamentals.');
      await statusSays(second.page, 'Saved');

      // This tab's next change meets the newer version: autosave stops and says so; nothing is lost on either side.
      await notes(page, 'Notes for Practical coding').fill('Typed in the first tab: tests with fake timers.');
      const alert = page.getByRole('alert').filter({ hasText: 'changed somewhere else' });
      await alert.waitFor();
      await statusSays(page, 'Not saved');
      await expect(notes(page, 'Notes for Practical coding').inputValue()).resolves.toBe('Typed in the first tab: tests with fake timers.');
      const stored = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(stored.summary).toBe('Written in the other tab: strong on fundamentals.');
      expect(stored.ratings.find((rating: { pillarId: string }) => rating.pillarId === fixture.pillars.coding).notes).toBeNull();

      // Loading the other version shows it in the form and keeps this tab's text next to the field.
      await Promise.all([
        page.waitForURL(`${roundUrl(loop.roundId)}/scorecard`),
        alert.getByRole('button', { name: 'Load the other version' }).click(),
      ]);
      await expect(notes(page, 'Summary').inputValue()).resolves.toBe('Written in the other tab: strong on fundamentals.');
      const kept = page.locator('.kept').filter({ hasText: 'Typed in the first tab: tests with fake timers.' });
      await expect(kept.count()).resolves.toBe(1);
      await notes(page, 'Notes for Practical coding').fill(await kept.locator('.kept__text').innerText());
      await statusSays(page, 'Saved');

      // Submit incomplete: the missing recommendation is named, next to its field and in the summary of problems.
      await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Submit scorecard' }).click()]);
      const problems = page.locator('#error-summary');
      await problems.waitFor();
      await expect(problems.getByRole('link').allInnerTexts()).resolves.toEqual(['Choose a recommendation']);
      const describedBy = await group(page, 'Recommendation').getAttribute('aria-describedby');
      await expect(page.locator(`#${describedBy}`).innerText()).resolves.toContain('Choose a recommendation');
      await problems.getByRole('link', { name: 'Choose a recommendation' }).click();
      await expect(page.evaluate(() => (document.activeElement as HTMLInputElement).name)).resolves.toBe('recommendation');

      // Complete and submit: read-only, and the other interviewer's submitted scorecard appears.
      await group(page, 'Recommendation').getByLabel('Yes', { exact: true }).check();
      await notes(page, 'Summary').fill(COMPLETE_SUMMARY);
      await Promise.all([page.waitForURL(/notice=submitted/), page.getByRole('button', { name: 'Submit scorecard' }).click()]);
      await page.getByRole('heading', { name: 'Other scorecards' }).waitFor();
      await expect(otherScorecardAuthors(page)).resolves.toEqual([fixture.team.users.interviewer2!.name]);
      await expect(page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(0);
      await expect(page.locator('.ratings').first().innerText()).resolves.toContain('Strong yes');

      // Amend: the reason is required, then the amendment is listed with it.
      await group(page, 'Practical coding').getByLabel('Yes', { exact: true }).check();
      await page.getByRole('button', { name: 'Amend scorecard' }).click();
      await page.locator('#amend-error-summary').waitFor();
      await expect(page.locator('#amend-error-summary').innerText()).resolves.toContain('Say why you amend the scorecard');
      await expect(page.getByLabel('Reason', { exact: true }).getAttribute('aria-describedby')).resolves.toBe('amend-reason-error');
      await group(page, 'Practical coding').getByLabel('Yes', { exact: true }).check();
      await page.getByLabel('Reason', { exact: true }).fill('Re-read my notes: the tests were only sketched.');
      await Promise.all([page.waitForURL(/notice=amended/), page.getByRole('button', { name: 'Amend scorecard' }).click()]);
      await expect(page.locator('.amendments').innerText()).resolves.toContain('Re-read my notes: the tests were only sketched.');
      const amended = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(amended.effective.ratings.find((rating: { pillarId: string }) => rating.pillarId === fixture.pillars.coding).rating).toBe(
        'yes',
      );
      await first.context.close();
      await second.context.close();
    },
    JOURNEY_MS,
  );

  it(
    'submitted in another tab while this one has unsaved typing: autosave stops, and the typing reaches the amendment form',
    async () => {
      const { loop, context, page } = await openNewRound({ bypassCSP: true });
      await notes(page, 'Notes for Foundational knowledge').fill('Saved before the other tab submitted.');
      await statusSays(page, 'Saved');

      // The other tab submits (through the API, as that tab's form would).
      await submitScorecard(interviewer(), loop.roundId, {
        ratings: [
          { pillarId: fixture.pillars.foundations, rating: 'yes', notes: 'Saved before the other tab submitted.' },
          { pillarId: fixture.pillars.coding, rating: 'no', notes: 'Submitted from the other tab.' },
        ],
        recommendation: 'yes',
        summary: COMPLETE_SUMMARY,
      });

      // This tab keeps typing: the save is refused, autosave stops, the typing stays in the form.
      await group(page, 'Practical coding').getByLabel('Strong yes', { exact: true }).check();
      await notes(page, 'Notes for Practical coding').fill('Typed here after the other tab submitted.');
      const alert = page.getByRole('alert').filter({ hasText: 'submitted somewhere else' });
      await alert.waitFor();
      await statusSays(page, 'Not saved');
      await expect(notes(page, 'Notes for Practical coding').inputValue()).resolves.toBe('Typed here after the other tab submitted.');

      // The submitted scorecard, read-only, with this tab's typing filled into the amendment form where it differs.
      await Promise.all([
        page.waitForURL(`${roundUrl(loop.roundId)}/scorecard`),
        alert.getByRole('button', { name: 'Show the submitted scorecard' }).click(),
      ]);
      await expect(page.getByRole('button', { name: 'Save draft' }).count()).resolves.toBe(0);
      await expect(page.getByRole('alert').filter({ hasText: 'filled into the amendment form' }).count()).resolves.toBe(1);
      await expect(notes(page, 'New notes for Practical coding').inputValue()).resolves.toBe('Typed here after the other tab submitted.');
      await expect(group(page, 'Practical coding').getByLabel('Strong yes', { exact: true }).isChecked()).resolves.toBe(true);
      // What equals the submitted scorecard is left unchanged.
      await expect(notes(page, 'New notes for Foundational knowledge').inputValue()).resolves.toBe('');
      expect(describeViolations(await axeViolations(page))).toBe('');
      await screenshot(page, 'round-submitted-elsewhere-1280');
      await page.getByLabel('Reason', { exact: true }).fill('Notes finished in a second tab.');
      await Promise.all([page.waitForURL(/notice=amended/), page.getByRole('button', { name: 'Amend scorecard' }).click()]);
      const card = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(card.effective.ratings.find((rating: { pillarId: string }) => rating.pillarId === fixture.pillars.coding)).toEqual({
        pillarId: fixture.pillars.coding,
        rating: 'strong_yes',
        notes: 'Typed here after the other tab submitted.',
      });
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'marks My interviews as the section of the round page',
    async () => {
      const { context, page } = await openNewRound();
      const nav = page.getByRole('navigation', { name: 'Main' });
      await expect(nav.getByRole('link', { name: 'My interviews' }).getAttribute('aria-current')).resolves.toBe('true');
      await expect(nav.locator('[aria-current]').count()).resolves.toBe(1);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'retries a save that did not reach the server, and says so meanwhile',
    async () => {
      const { loop, context, page } = await openNewRound();
      let refused = 0;
      await page.route('**/scorecard', async (route) => {
        if (route.request().method() === 'POST' && refused === 0) {
          refused += 1;
          await route.abort('connectionreset');
        } else await route.continue();
      });
      await notes(page, 'Notes for Foundational knowledge').fill('Saved on the second try.');
      await statusSays(page, 'Not saved — retrying');
      await statusSays(page, 'Saved');
      const saved = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(saved.ratings).toEqual([{ pillarId: fixture.pillars.foundations, rating: null, notes: 'Saved on the second try.' }]);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'has no axe violations and no horizontal scrolling at 320 px, before and after submit (screenshots in /tmp/shots)',
    async () => {
      const loop = await fixture.newLoop();
      for (const width of [1280, 320]) {
        const { context, page } = await openRound(loop.roundId, { width, bypassCSP: true });
        if (width === 1280) await group(page, 'Foundational knowledge').getByLabel('Not assessed', { exact: true }).check();
        await notes(page, 'Notes for Practical coding').fill(`Seen at ${width} px.`);
        // The optional rating of a question's answer, next to its notes, autosaved like them.
        await page.getByLabel(`Rating of the answer to ${fixture.questions[0]!.title}`).selectOption(width === 1280 ? 'yes' : 'strong_yes');
        await statusSays(page, 'Saved');
        expect(describeViolations(await axeViolations(page))).toBe('');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
        await screenshot(page, `round-draft-${width}`);
        if (width === 1280) {
          // The refused submit, with its problems next to the fields.
          await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Submit scorecard' }).click()]);
          await page.locator('#error-summary').waitFor();
          expect(describeViolations(await axeViolations(page))).toBe('');
          await screenshot(page, 'round-errors-1280');
        }
        await context.close();
      }
      const draft = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`).expect(200)).body;
      expect(draft.questionsAsked).toEqual([expect.objectContaining({ questionId: fixture.questions[0]!.id, notes: null, rating: 'strong_yes' })]);
      await interviewer()
        .put(`/api/rounds/${loop.roundId}/scorecard`)
        .send({
          version: (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`)).body.version,
          ratings: [
            { pillarId: fixture.pillars.foundations, rating: 'yes', notes: 'Solid.' },
            { pillarId: fixture.pillars.coding, rating: 'no', notes: 'Missed the edge cases of an empty input.' },
          ],
          recommendation: 'yes',
          summary: COMPLETE_SUMMARY,
        });
      const version = (await interviewer().get(`/api/rounds/${loop.roundId}/scorecard`)).body.version;
      await interviewer().post(`/api/rounds/${loop.roundId}/scorecard/submit`).send({ version }).expect(200);
      for (const width of [1280, 320]) {
        const { context, page } = await openRound(loop.roundId, { width, bypassCSP: true });
        await page.getByRole('heading', { name: 'Other scorecards' }).waitFor();
        await expect(page.locator('article.question').filter({ hasText: fixture.questions[0]!.title }).innerText()).resolves.toContain(
          'Your rating of the answer: Strong yes',
        );
        expect(describeViolations(await axeViolations(page))).toBe('');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
        await screenshot(page, `round-submitted-${width}`);
        await context.close();
      }
    },
    JOURNEY_MS,
  );

  it(
    'serves the page under a CSP without unsafe-inline, with no inline script, and autosave works under it',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser);
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await signIn(page, suite.web.baseUrl, fixture.team.users.interviewer!);
      const response = await page.goto(roundUrl(loop.roundId));
      const csp = response!.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      await expect(page.locator('script:not([src])').count()).resolves.toBe(0);
      await expect(page.locator('[style]').count()).resolves.toBe(0);
      await notes(page, 'Summary').fill('Typed under the strict policy.');
      await statusSays(page, 'Saved');
      expect(violations).toEqual([]);
      await context.close();
    },
    JOURNEY_MS,
  );
});

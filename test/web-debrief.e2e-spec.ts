/// <reference lib="dom" />
import { axeViolations, browserSuite, describeViolations, openPage, screenshot, scrollWidth, signIn } from '@loopwright/testing';
import type { Locator, Page } from 'playwright-core';
import { debriefFixture, type DebriefFixture, type DebriefLoop } from './web-debrief-fixtures.js';

/** The debrief page in real Chromium: the matrix, the tally, the disagreements, the decision gate, the packet, the blind rule. */
/** A journey through a real browser on a busy machine takes a while; nothing here waits on the clock. */
const JOURNEY_MS = 180_000;

describe('web: the debrief page', () => {
  const suite = browserSuite();
  let fixture: DebriefFixture;

  beforeAll(async () => {
    fixture = await debriefFixture(suite.web);
  }, JOURNEY_MS);

  const debriefPath = (loop: DebriefLoop) => `/app/loops/${loop.loopId}/debrief`;
  const user = (key: string) => fixture.team.users[key]!;
  /** Text as read aloud, hidden words included (innerText breaks lines at visually hidden spans). */
  const words = (text: string | null) => (text ?? '').replace(/\s+/g, ' ').trim();
  const cellTexts = async (row: Locator) => (await row.locator('th, td').allTextContents()).map(words);
  const textOf = async (locator: Locator) => words(await locator.textContent());
  const matrixRow = (page: Page, header: string) => page.getByRole('table').getByRole('row').filter({ has: page.getByRole('rowheader', { name: header, exact: true }) });
  const recordDecision = (page: Page) => Promise.all([page.waitForEvent('load'), page.getByRole('button', { name: 'Record decision' }).click()]);
  /** A radio of the Decision group by its label (a checked one's name also has the CSS tick). */
  const decisionRadio = (page: Page, label: string) => page.getByRole('group', { name: 'Decision' }).getByLabel(label, { exact: true });
  const noViolations = async (page: Page) => {
    const violations = await axeViolations(page);
    expect(describeViolations(violations)).toBe('');
  };

  it(
    'the hiring manager reads the matrix, the tally and the disagreements, is refused while a scorecard is missing, then decides',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, user('manager'), undefined, debriefPath(loop));
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(`Debrief: ${loop.candidateName}`);

      // The matrix: a pillar per row, a round per column (with its interviewer), the amended value marked in words.
      const headers = await page.getByRole('table').getByRole('columnheader').allInnerTexts();
      expect(headers.map((text) => text.replace(/\s+/g, ' ').trim())).toEqual([
        'Pillar',
        'Foundations and coding Ivy Tester',
        'Foundations again Omar Tester',
        'Coding Noor Tester',
        'Mean 1 to 4',
        'Spread',
        'Disagreement',
      ]);
      await expect(cellTexts(matrixRow(page, 'Foundational knowledge'))).resolves.toEqual([
        'Foundational knowledge',
        'Strong yes',
        'No',
        'Not in this round',
        '3',
        '2',
        '⚠ 2 points apart',
      ]);
      await expect(cellTexts(matrixRow(page, 'Practical coding'))).resolves.toEqual([
        'Practical coding',
        'Strong yes amended (note 1)',
        'Not in this round',
        'Not submitted',
        '4',
        '0',
        'None',
      ]);
      await expect(cellTexts(matrixRow(page, 'Recommendation'))).resolves.toEqual(['Recommendation', 'Strong yes', 'No', 'Not submitted', '']);
      const amended = page.getByRole('link', { name: 'amended (note 1)', exact: true });
      await expect(amended.count()).resolves.toBe(1);
      const note = page.locator(`${await amended.getAttribute('href')}`);
      await expect(note.innerText()).resolves.toMatch(/^Practical coding, Foundations and coding: changed \w{3} \d{1,2} \w{3} \d{4}, \d\d:\d\d UTC, because “Misread my own notes on the tests”$/);

      // The tally and the disagreements, in words.
      const tally = page.locator('.tally__item');
      await expect(tally.allInnerTexts()).resolves.toEqual(['Strong no\n0', 'No\n1', 'Yes\n0', 'Strong yes\n1']);
      const disagreements = page.getByRole('region', { name: 'Disagreements' }).getByRole('listitem');
      await expect(disagreements.allInnerTexts()).resolves.toEqual([
        '⚠ Foundational knowledge: ratings 2 points apart: Strong yes from Ivy Tester (Foundations and coding), No from Omar Tester (Foundations again).',
        '⚠ Recommendations split between no and yes: Strong yes from Ivy Tester, No from Omar Tester.',
      ]);

      // Who has not submitted, since the round ended (in my zone, named).
      const missing = page.getByRole('region', { name: 'Not submitted yet' }).getByRole('listitem');
      await expect(missing.count()).resolves.toBe(1);
      await expect(missing.innerText()).resolves.toMatch(/^Noor Tester, Coding Draft saved Overdue\nWaiting since the round ended: \w{3} \d{1,2} Mar 2025, 14:00 UTC\nRemind now\s+for Noor Tester, Coding$/);
      await noViolations(page);
      await screenshot(page, 'debrief-desktop');

      // The gate: refused in words while Noor's scorecard is missing; nothing recorded.
      await decisionRadio(page, 'Hire').check();
      await page.getByLabel('Note', { exact: true }).fill('Strong signal on both pillars.');
      await recordDecision(page);
      const problem = page.getByRole('alert');
      await expect(problem.innerText()).resolves.toContain('The decision waits for a scorecard:');
      await expect(problem.getByRole('listitem').allInnerTexts()).resolves.toEqual(['Coding: Noor Tester has not submitted theirs']);
      await expect(decisionRadio(page, 'Hire').isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('Note', { exact: true }).inputValue()).resolves.toBe('Strong signal on both pillars.');
      await noViolations(page);
      const before = (await fixture.api('manager').get(`/api/loops/${loop.loopId}/summary`).expect(200)).body;
      expect(before.decision).toBeNull();

      // Noor submits; the decision goes through and is shown.
      await fixture.submitThird(loop);
      await page.goto(`${suite.web.baseUrl}${debriefPath(loop)}`);
      await expect(page.getByRole('region', { name: 'Not submitted yet' }).innerText()).resolves.toContain('Every interviewer with a round has submitted');
      await decisionRadio(page, 'Hire').check();
      await page.getByLabel('Note', { exact: true }).fill('Strong signal on both pillars.');
      await recordDecision(page);
      expect(new URL(page.url()).pathname).toBe(debriefPath(loop));
      await expect(page.getByRole('status').innerText()).resolves.toBe('Decision recorded.');
      const decision = page.getByRole('region', { name: 'Decision' });
      await expect(textOf(decision)).resolves.toMatch(/^Decision Hire, recorded \w{3} .+ UTC by Manager Tester\. Strong signal on both pillars\.$/);
      await noViolations(page);
      await expect(page.getByRole('button', { name: 'Record decision' }).count()).resolves.toBe(0);
      const after = (await fixture.api('manager').get(`/api/loops/${loop.loopId}/summary`).expect(200)).body;
      expect(after.decision).toMatchObject({ decision: 'hire', note: 'Strong signal on both pillars.', forced: false });
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'downloads the packet as PDF, HTML and Markdown with the session, names hidden on request',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser);
      await signIn(page, suite.web.baseUrl, user('manager'), undefined, debriefPath(loop));
      const packet = page.getByRole('region', { name: 'Candidate packet' });
      const href = (name: string) => packet.getByRole('link', { name, exact: true }).getAttribute('href');

      const pdf = await page.request.get(`${suite.web.baseUrl}${await href('Download PDF')}`);
      expect(pdf.status()).toBe(200);
      expect(pdf.headers()['content-type']).toBe('application/pdf');
      expect(pdf.headers()['content-disposition']).toMatch(/^attachment; filename="packet-grace-hopper-[a-z0-9-]+\.pdf"$/);
      expect((await pdf.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');

      const html = await page.request.get(`${suite.web.baseUrl}${await href('Download HTML')}`);
      expect(html.headers()['content-type']).toMatch(/^text\/html/);
      // The packet keeps its own sandbox policy, not the pages' one.
      expect(html.headers()['content-security-policy']).toContain('sandbox');
      expect(await html.text()).toContain('Ivy Tester');

      await packet.getByLabel('Hide interviewer names').check();
      await Promise.all([page.waitForURL(/names=hidden/), packet.getByRole('button', { name: 'Update the download links' }).click()]);
      expect(await href('Download Markdown')).toBe(`/app/loops/${loop.loopId}/packet?format=markdown&redact=interviewers`);
      const markdown = await (await page.request.get(`${suite.web.baseUrl}${await href('Download Markdown')}`)).text();
      expect(markdown).toContain('Interviewer 1');
      expect(markdown).not.toContain('Ivy Tester');

      // Bad input answers 400 in words, not a 500.
      const bad = await page.request.get(`${suite.web.baseUrl}/app/loops/${loop.loopId}/packet?format=docx`);
      expect(bad.status()).toBe(400);
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'without JavaScript at 320 px: no choice, then force without a note, are refused next to the fields; force with a note records it',
    async () => {
      const loop = await fixture.newLoop();
      const { context, page } = await openPage(suite.browser, { width: 320, javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, user('admin'), undefined, debriefPath(loop));
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await screenshot(page, 'debrief-320');

      await recordDecision(page);
      const summary = page.locator('#decision-problem');
      await expect(summary.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
      await expect(summary.getByRole('link', { name: 'Choose Hire or No hire' }).getAttribute('href')).resolves.toBe('#decision-hire');
      const decisionGroup = page.getByRole('group', { name: 'Decision' });
      const describedBy = await decisionGroup.getAttribute('aria-describedby');
      await expect(textOf(page.locator(`#${describedBy}`))).resolves.toBe('Error: Choose Hire or No hire');

      await decisionRadio(page, 'No hire').check();
      await page.getByLabel('Decide without the missing scorecards').check();
      await recordDecision(page);
      const note = page.getByLabel('Note', { exact: true });
      await expect(note.getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(textOf(page.locator('#note-error'))).resolves.toBe('Error: Say in Note why you decide without the missing scorecards');
      await expect(decisionRadio(page, 'No hire').isChecked()).resolves.toBe(true);
      await expect(page.getByLabel('Decide without the missing scorecards').isChecked()).resolves.toBe(true);
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      await screenshot(page, 'debrief-320-refused');

      await note.fill('The coding round will not happen: the candidate took another offer.');
      await recordDecision(page);
      expect(new URL(page.url()).pathname).toBe(debriefPath(loop));
      const decision = page.getByRole('region', { name: 'Decision' });
      await expect(decision.innerText()).resolves.toContain('No hire, recorded');
      await expect(decision.innerText()).resolves.toContain('Decided without the scorecards of: Coding.');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(320);
      const stored = (await fixture.api('admin').get(`/api/loops/${loop.loopId}/summary`).expect(200)).body;
      expect(stored.decision).toMatchObject({ decision: 'no_hire', forced: true, missingRoundIds: [loop.roundIds[2]] });
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'staff who interview on the loop see the blind-rule message until they submit; others see no decision form',
    async () => {
      const loop = await fixture.newLoop({ staffInterviews: true });
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, user('sam'), undefined, debriefPath(loop));
      const blind = page.getByRole('region', { name: 'Scorecards hidden until you submit yours' });
      await expect(blind.innerText()).resolves.toContain('Submit your own scorecard of this loop before reading the others.');
      await expect(blind.getByRole('link', { name: 'Your scorecard: Coding' }).getAttribute('href')).resolves.toBe(`/app/rounds/${loop.roundIds[2]}`);
      await expect(page.getByRole('table').count()).resolves.toBe(0);
      await expect(page.getByText('Strong yes').count()).resolves.toBe(0);
      await expect(page.getByRole('link', { name: 'Download PDF' }).count()).resolves.toBe(0);
      // Not the hiring manager of this position: no form.
      await expect(page.getByRole('button', { name: 'Record decision' }).count()).resolves.toBe(0);
      await noViolations(page);
      await screenshot(page, 'debrief-blind');

      await fixture.submitThird(loop, 'sam');
      await page.reload();
      await expect(blind.count()).resolves.toBe(0);
      await expect(cellTexts(matrixRow(page, 'Foundational knowledge'))).resolves.toContain('Strong yes');
      await context.close();

      // A recruiter reads the debrief and the packet links, without the form; an interviewer may not open it.
      const recruiter = await openPage(suite.browser);
      await signIn(recruiter.page, suite.web.baseUrl, user('recruiter'), undefined, debriefPath(loop));
      await expect(recruiter.page.getByRole('table').count()).resolves.toBe(1);
      await expect(recruiter.page.getByRole('link', { name: 'Download PDF' }).count()).resolves.toBe(1);
      await expect(recruiter.page.getByRole('button', { name: 'Record decision' }).count()).resolves.toBe(0);
      await recruiter.context.close();
      const interviewer = await openPage(suite.browser);
      await signIn(interviewer.page, suite.web.baseUrl, user('ivy'));
      const refused = await interviewer.page.goto(`${suite.web.baseUrl}${debriefPath(loop)}`);
      expect(refused?.status()).toBe(403);
      await interviewer.context.close();
    },
    JOURNEY_MS,
  );
});

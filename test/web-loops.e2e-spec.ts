import { momentOf, wallTimeIn, zonedTime } from '@loopwright/web';
import {
  as,
  browserSuite,
  createCandidate,
  createCandidateLoop,
  createLoopTemplate,
  createPosition,
  DEFAULT_TEAM,
  openPage,
  pageProblems,
  patchRound,
  pillarIdsByKey,
  qualify,
  screenshot,
  signIn,
  statementsDuring,
  type Caller,
  type CreatedTemplate,
  type LoopRef,
} from '@loopwright/testing';
import type { BrowserContext, Page } from 'playwright-core';

const ZONE = 'Europe/Berlin';
const DAY = 86_400_000;

describe('web: the loops pages (real Chromium)', () => {
  const suite = browserSuite({ team: { ...DEFAULT_TEAM, trainee: ['interviewer'] } });
  let admin: Caller;
  let pillars: Record<string, string>;
  let positionId: string;
  let template: CreatedTemplate;
  /** The day the rounds are planned on, as a date input takes it in ZONE. */
  let day: string;
  let busyLoop: LoopRef;

  const at = (time: string): Date => {
    const read = momentOf({ date: day, time }, ZONE);
    if (!('moment' in read)) throw new Error(`${day} ${time} is not a time in ${ZONE}`);
    return read.moment;
  };

  beforeAll(async () => {
    admin = as(suite.web, suite.team.users.admin!);
    await admin.patch(`/api/users/${suite.team.users.hiringManager!.id}`).send({ timezone: ZONE }).expect(200);
    await admin.patch(`/api/users/${suite.team.users.recruiter!.id}`).send({ timezone: 'America/New_York' }).expect(200);
    pillars = await pillarIdsByKey(admin);
    const { interviewer, interviewer2, interviewer3, trainee } = suite.team.users;
    await qualify(admin, pillars, [interviewer!.id, interviewer2!.id, interviewer3!.id]);
    await qualify(admin, pillars, [trainee!.id], 'shadow');
    positionId = await createPosition(admin, { title: 'AI Engineer', roleFamily: 'ai_engineer', level: 'senior', hiringManagerId: suite.team.users.hiringManager!.id });
    template = await createLoopTemplate(
      admin,
      [
        { title: 'Foundations', pillarIds: [pillars.foundations!], questionCount: 1 },
        { title: 'Coding', pillarIds: [pillars.coding!], questionCount: 1 },
        { title: 'Design and behaviour', pillarIds: [pillars['system-design']!, pillars.behavioral!], questionCount: 1 },
      ],
      'Onsite (web test)',
    );
    day = wallTimeIn(new Date(Date.now() + 14 * DAY), ZONE).date;
    // interviewer2 is busy at 14:00 that day, in another candidate's loop.
    busyLoop = await createCandidateLoop(admin, { name: 'Other Candidate' }, { positionId });
    const busy = await admin
      .post(`/api/loops/${busyLoop.id}/rounds`)
      .send({ title: 'Busy round', pillarIds: [pillars.coding], questionCount: 0 })
      .expect(201);
    busyLoop = busy.body;
    await patchRound(admin, busyLoop, 0, {
      startsAt: at('14:00').toISOString(),
      endsAt: at('15:00').toISOString(),
      interviewerId: interviewer2!.id,
    }).expect(200);
    await createCandidate(admin, { name: 'Ada Lovelace' });
    await createCandidate(admin, { name: 'Ben Nojs' });
    await createCandidate(admin, { name: 'Dev Shadow' });
  }, 180_000);

  const roundItem = (page: Page, title: string) =>
    page.locator('li.plan-round', { has: page.getByRole('heading', { level: 3, name: new RegExp(`^Round \\d+: ${title}$`) }) });

  const fact = (page: Page, title: string, name: string) =>
    roundItem(page, title).locator('.plan-facts > div', { has: page.locator('dt', { hasText: name }) }).locator('dd').innerText();

  async function createLoopInBrowser(page: Page, candidateName: string): Promise<string> {
    await page.goto(`${suite.web.baseUrl}/app/loops`);
    await Promise.all([page.waitForURL(/\/app\/loops\/new$/), page.getByRole('link', { name: 'New loop' }).click()]);
    const candidate = page.getByLabel('Candidate');
    const value = await candidate.locator('option', { hasText: candidateName }).getAttribute('value');
    await candidate.selectOption(value!);
    await page.getByLabel('Position').selectOption({ label: 'AI Engineer · senior' });
    await page.getByLabel('Template').selectOption({ label: 'Onsite (web test) (3 rounds)' });
    await Promise.all([page.waitForURL(/\/app\/loops\/[0-9a-f-]{36}\?notice=created$/), page.getByRole('button', { name: 'Create loop' }).click()]);
    return new URL(page.url()).pathname.split('/').pop()!;
  }

  async function schedule(page: Page, title: string, time: string, duration = '60'): Promise<void> {
    const round = roundItem(page, title);
    await round.getByLabel('Date').fill(day);
    await round.getByLabel('Start time').fill(time);
    await round.getByLabel('Duration in minutes').fill(duration);
    await Promise.all([page.waitForURL(/notice=scheduled/), round.getByRole('button', { name: /^Schedule/ }).click()]);
  }

  async function assign(page: Page, title: string, userId: string): Promise<void> {
    const round = roundItem(page, title);
    await round.getByLabel(/^Interviewer/).selectOption(userId);
    await Promise.all([page.waitForURL(/notice=assigned/), round.getByRole('button', { name: /^Assign interviewer/ }).click()]);
  }

  it('a hiring manager creates a loop from the template, schedules every round in their zone, assigns interviewers from the suggestions, is refused a double-booking in words and sees coverage complete', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    const loopId = await createLoopInBrowser(page, 'Ada Lovelace');
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ada Lovelace');
    await expect(page.getByRole('status').first().innerText()).resolves.toContain('Loop created.');
    await expect(page.getByRole('heading', { level: 3 }).allInnerTexts()).resolves.toEqual([
      'Round 1: Foundations',
      'Round 2: Coding',
      'Round 3: Design and behaviour',
    ]);
    await expect(roundItem(page, 'Coding').innerText()).resolves.toContain('Schedule the round first');

    await schedule(page, 'Foundations', '10:00');
    await schedule(page, 'Coding', '12:00', '45');
    await schedule(page, 'Design and behaviour', '14:00', '90');
    const loop = (await admin.get(`/api/loops/${loopId}`).expect(200)).body as { rounds: { startsAt: string; endsAt: string }[] };
    expect(loop.rounds.map((round) => [round.startsAt, round.endsAt])).toEqual([
      [at('10:00').toISOString(), at('11:00').toISOString()],
      [at('12:00').toISOString(), at('12:45').toISOString()],
      [at('14:00').toISOString(), at('15:30').toISOString()],
    ]);
    const codingTime = roundItem(page, 'Coding').locator('dd time');
    await expect(codingTime.getAttribute('datetime')).resolves.toBe(at('12:00').toISOString());
    await expect(codingTime.innerText()).resolves.toBe(zonedTime(at('12:00'), ZONE).text.replace('12:00 ', '12:00–12:45 '));

    // The suggestions: qualified, free people with their load; the others with the reason.
    const { interviewer, interviewer2, interviewer3, hiringManager, trainee } = suite.team.users;
    const design = roundItem(page, 'Design and behaviour');
    const offered = await design.getByLabel(/^Interviewer/).locator('option').allInnerTexts();
    expect(offered).toEqual(expect.arrayContaining([`${interviewer!.name} (0 interviews that week)`, `${interviewer3!.name} (0 interviews that week)`]));
    expect(offered.join()).not.toContain(interviewer2!.name);
    await design.getByText(/^Not offered/).click();
    const notOffered = await design.locator('.not-offered li').allInnerTexts();
    expect(notOffered).toContain(`${interviewer2!.name}: busy at that time`);
    expect(notOffered).toContain(`${hiringManager!.name}: not qualified`);
    expect(notOffered).toContain(`${trainee!.name}: not qualified`);

    await assign(page, 'Foundations', interviewer!.id);
    await assign(page, 'Coding', interviewer2!.id);
    await assign(page, 'Design and behaviour', interviewer3!.id);
    await expect(fact(page, 'Coding', 'Interviewer')).resolves.toBe(interviewer2!.name);
    const afterFoundations = await roundItem(page, 'Coding').getByLabel(/^Interviewer/).locator('option').allInnerTexts();
    expect(afterFoundations.join()).not.toContain(interviewer!.name);
    await expect(roundItem(page, 'Coding').locator('.not-offered li').allTextContents()).resolves.toContain(`${interviewer!.name}: already on the loop`);
    await expect(page.locator('p.breadcrumb + h1 + p .tag').innerText()).resolves.toBe('Scheduled');

    // Moving the Coding round onto interviewer2's other interview: refused, in words, next to the round.
    const coding = roundItem(page, 'Coding');
    await coding.getByLabel('Start time').fill('14:00');
    await coding.getByLabel('Duration in minutes').fill('60');
    await Promise.all([page.waitForLoadState('load'), coding.getByRole('button', { name: /^Schedule/ }).click()]);
    const alert = await roundItem(page, 'Coding').getByRole('alert').innerText();
    const clash = zonedTime(at('14:00'), ZONE).text.replace('14:00 ', '14:00–15:00 ');
    expect(alert).toContain(`${interviewer2!.name} is already interviewing ${clash} (round “Busy round”)`);
    await expect(roundItem(page, 'Coding').getByLabel('Start time').inputValue()).resolves.toBe('14:00');
    const kept = (await admin.get(`/api/loops/${loopId}`).expect(200)).body as { rounds: { startsAt: string }[] };
    expect(kept.rounds[1]!.startsAt).toBe(at('12:00').toISOString());

    await expect(page.getByText('Coverage complete: every pillar this loop should assess has a round.').count()).resolves.toBe(1);
    const matrix = page.getByRole('table', { name: 'Pillars assessed by each round' });
    await expect(matrix.getByRole('columnheader').allInnerTexts()).resolves.toEqual([
      'Pillar',
      '1. Foundations',
      '2. Coding',
      '3. Design and behaviour',
      'Coverage',
    ]);
    await screenshot(page, 'loop-plan-1280');

    // The list: the loop under its candidate's name, with its next round in the viewer's zone; filters by status.
    await page.goto(`${suite.web.baseUrl}/app/loops?status=scheduled`);
    const link = page.getByRole('link', { name: 'Ada Lovelace' });
    await expect(link.getAttribute('href')).resolves.toBe(`/app/loops/${loopId}`);
    await expect(page.locator('li.loop-item', { has: link }).innerText()).resolves.toContain(`Next round ${zonedTime(at('10:00'), ZONE).text}`);
    await page.getByLabel('Status').selectOption({ label: 'Draft' });
    await Promise.all([page.waitForURL(/status=draft/), page.getByRole('button', { name: 'Filter' }).click()]);
    await expect(page.getByRole('link', { name: 'Ada Lovelace' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Other Candidate' }).count()).resolves.toBe(0);
    await context.close();
  }, 180_000);

  it('shadows, planned questions (with the inline search) and the order of the rounds change from the plan', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    await createLoopInBrowser(page, 'Dev Shadow');
    const { trainee } = suite.team.users;
    const coding = () => roundItem(page, 'Coding');
    await coding().getByLabel('Shadow').selectOption(trainee!.id);
    await Promise.all([page.waitForURL(/notice=shadow-added/), coding().getByRole('button', { name: /^Add shadow/ }).click()]);
    await expect(fact(page, 'Coding', 'Shadows')).resolves.toBe(trainee!.name);
    await Promise.all([page.waitForURL(/notice=shadow-removed/), coding().getByRole('button', { name: /^Remove shadow/ }).click()]);
    await expect(fact(page, 'Coding', 'Shadows')).resolves.toBe('None');

    const planned = await coding().locator('.plan-questions li > span').first().innerText();
    await Promise.all([page.waitForURL(/notice=question-removed/), coding().getByRole('button', { name: /^Remove / }).first().click()]);
    await expect(coding().innerText()).resolves.toContain('No question planned.');
    const codingQuestions = (await admin.get(`/api/questions?pillar=coding&limit=20`).expect(200)).body.items as { title: string }[];
    // Not the one just removed: the candidate has seen it (it was planned), and a loop never plans a seen question again.
    const wanted = codingQuestions.find((question) => !planned.startsWith(question.title))!.title;
    await coding().getByText('Add questions from the bank').click();
    await coding().getByLabel('Search questions').fill(wanted);
    await coding().getByRole('button', { name: /^Search/ }).click();
    // htmx swaps the results in place (the page stays where it is).
    const result = coding().locator('.search-results li', { hasText: wanted }).first();
    await result.waitFor();
    expect(new URL(page.url()).search).not.toContain('searchRound');
    await Promise.all([page.waitForURL(/notice=question-added/), result.getByRole('button', { name: /^Add/ }).click()]);
    await expect(coding().locator('.plan-questions li > span').first().innerText()).resolves.toContain(wanted);

    await Promise.all([page.waitForURL(/notice=moved/), coding().getByRole('button', { name: /^Move up/ }).click()]);
    await expect(page.getByRole('heading', { level: 3 }).allInnerTexts()).resolves.toEqual([
      'Round 1: Coding',
      'Round 2: Foundations',
      'Round 3: Design and behaviour',
    ]);
    await Promise.all([
      page.waitForURL(/notice=removed/),
      roundItem(page, 'Foundations').getByRole('button', { name: /^Remove round/ }).click(),
    ]);
    await expect(page.getByRole('heading', { level: 3 }).allInnerTexts()).resolves.toEqual(['Round 1: Coding', 'Round 2: Design and behaviour']);
    await expect(page.locator('.coverage-status').innerText()).resolves.toBe('Missing pillars: Foundational knowledge');
    await expect(page.locator('tr.coverage__missing th').innerText()).resolves.toBe('Foundational knowledge');
    await expect(page.locator('tr.coverage__missing td').last().innerText()).resolves.toBe('Missing');
    await context.close();
  }, 180_000);

  it('the create, schedule and assign journey works with JavaScript disabled, and refusals land next to their field', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/loops/new`);
    await Promise.all([page.waitForLoadState('load'), page.getByRole('button', { name: 'Create loop' }).click()]);
    await expect(page.locator('#candidateId-error').innerText()).resolves.toBe('Choose a candidate of your organization');
    await expect(page.getByLabel('Candidate').getAttribute('aria-invalid')).resolves.toBe('true');
    await createLoopInBrowser(page, 'Ben Nojs');
    await schedule(page, 'Foundations', '16:00');
    await assign(page, 'Foundations', suite.team.users.interviewer3!.id);
    await expect(fact(page, 'Foundations', 'Interviewer')).resolves.toBe(suite.team.users.interviewer3!.name);

    const coding = roundItem(page, 'Coding');
    // 14 March 2027, 02:30 does not happen in New York (the recruiter's zone): the clocks go from 02:00 to 03:00.
    await coding.getByLabel('Date').fill('2027-03-14');
    await coding.getByLabel('Start time').fill('02:30');
    await Promise.all([page.waitForLoadState('load'), coding.getByRole('button', { name: /^Schedule/ }).click()]);
    await expect(roundItem(page, 'Coding').locator('.field-error').innerText()).resolves.toBe(
      '02:30 does not exist on 2027-03-14 in America/New_York: the clocks go forward then. Choose another time',
    );
    await expect(roundItem(page, 'Coding').getByLabel('Start time').getAttribute('aria-invalid')).resolves.toBe('true');
    await coding.getByLabel('Start time').fill('03:30');
    await Promise.all([page.waitForURL(/notice=scheduled/), roundItem(page, 'Coding').getByRole('button', { name: /^Schedule/ }).click()]);
    await expect(roundItem(page, 'Coding').locator('dd time').getAttribute('datetime')).resolves.toBe('2027-03-14T07:30:00.000Z');
    await context.close();
  }, 180_000);

  it('the three pages pass axe (WCAG 2.x A/AA) and do not scroll sideways at 320 px', async () => {
    const loop = await createCandidateLoop<LoopRef>(admin, { name: 'Cleo Axe' }, { positionId, templateId: template.id });
    await patchRound(admin, loop, 0, { startsAt: at('09:00').toISOString(), endsAt: at('10:00').toISOString(), interviewerId: suite.team.users.interviewer2!.id }).expect(200);
    const { context, page } = await openPage(suite.browser, { bypassCSP: true });
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    const problems: string[] = [];
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of ['/app/loops', '/app/loops/new', `/app/loops/${loop.id}`, `/app/loops/${loop.id}?searchRound=${loop.rounds[0]!.id}&q=model`]) {
        await page.goto(`${suite.web.baseUrl}${path}`);
        await page.locator('details').evaluateAll((all) => all.forEach((item) => item.setAttribute('open', '')));
        problems.push(...(await pageProblems(page, path, width)));
      }
      await page.goto(`${suite.web.baseUrl}/app/loops/${loop.id}`);
      await screenshot(page, `loop-plan-axe-${width}`);
      await page.goto(`${suite.web.baseUrl}/app/loops`);
      await screenshot(page, `loops-${width}`);
    }
    expect(problems).toEqual([]);
    await context.close();
  }, 180_000);

  it('shows what people typed as text: a candidate and a round named like markup', async () => {
    const name = '<img src=x onerror="document.title=1"> Eve';
    const loop = await createCandidateLoop<LoopRef>(admin, { name }, { positionId });
    await admin.post(`/api/loops/${loop.id}/rounds`).send({ title: '<b>Bold</b> round', pillarIds: [pillars.coding], questionCount: 0 }).expect(201);
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    for (const path of ['/app/loops', `/app/loops/${loop.id}`, '/app/loops/new']) {
      await page.goto(`${suite.web.baseUrl}${path}`);
      await expect(page.locator('main img, main b, main script').count()).resolves.toBe(0);
    }
    await page.goto(`${suite.web.baseUrl}/app/loops/${loop.id}`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe(name);
    await expect(page.getByRole('heading', { level: 3 }).innerText()).resolves.toBe('Round 1: <b>Bold</b> round');
    await context.close();
  });

  it('the plan page sends as many statements for 12 rounds as for 4', async () => {
    const counts: number[] = [];
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    const cookie = (await context.cookies()).map((item) => `${item.name}=${item.value}`).join('; ');
    for (const rounds of [4, 12]) {
      const many = await createLoopTemplate(
        admin,
        Array.from({ length: rounds }, (_, index) => ({ pillarIds: [pillars.coding!], questionCount: index % 2 })),
      );
      const loop = await createCandidateLoop<LoopRef>(admin, { name: `Many ${rounds}` }, { positionId, templateId: many.id });
      await patchRound(admin, loop, 1, { startsAt: at('18:00').toISOString(), endsAt: at('19:00').toISOString() }).expect(200);
      let status = 0;
      const statements = await statementsDuring(async () => {
        status = (await fetch(`${suite.web.baseUrl}/app/loops/${loop.id}`, { headers: { cookie } })).status;
      });
      expect(status).toBe(200);
      counts.push(statements.length);
    }
    expect(counts[1]).toBe(counts[0]);
    await closeQuietly(context);
  }, 120_000);
});

async function closeQuietly(context: BrowserContext): Promise<void> {
  await context.close();
}

import {
  as,
  browserSuite,
  createCandidateLoop,
  createPosition,
  createTeam,
  DEFAULT_TEAM,
  openPage,
  pageProblems,
  screenshot,
  signIn,
} from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

describe('web: candidates and positions (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM });
  let positionId: string;
  let loop: { id: string; candidateId: string };

  const api = (key: string) => as(suite.web, suite.team.users[key]!);
  const email = (name: string) => `${name}.${randomUUID().slice(0, 8)}@example.test`;
  const idFrom = (page: Page, area: string) => new RegExp(`^/app/${area}/([0-9a-f-]{36})$`).exec(new URL(page.url()).pathname)?.[1];

  beforeAll(async () => {
    positionId = await createPosition(api('hiringManager'), { title: 'Staff ML Engineer', roleFamily: 'ml_engineer', level: 'staff' });
    const created = await createCandidateLoop<{ id: string; candidateId: string; rounds: { id: string }[] }>(
      api('recruiter'),
      { name: 'Grace Looped' },
      { positionId },
    );
    loop = { id: created.id, candidateId: created.candidateId };
  }, 120_000);

  it('a recruiter adds a candidate and edits them without JavaScript; what they typed is shown as text', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/candidates`);
    await page.getByRole('link', { name: 'New candidate' }).click();
    const address = email('ada');
    await page.getByLabel('Name').fill('Ada <b>Lovelace</b>');
    await page.getByLabel('Email').fill(address);
    await page.getByLabel('Phone').fill('+44 20 7946 0000');
    await page.getByLabel('Source').fill('referral');
    await page.getByLabel('Notes').fill('Met at <script>alert(1)</script> the meetup.\nWants remote.');
    await page.getByRole('button', { name: 'Add candidate' }).click();
    const id = idFrom(page, 'candidates');
    expect(id).toBeDefined();
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Ada <b>Lovelace</b>');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Candidate added.');
    await expect(page.locator('.people-notes').first().innerText()).resolves.toBe('Met at <script>alert(1)</script> the meetup.\nWants remote.');
    await expect(page.locator('main b').count()).resolves.toBe(0);

    await page.getByRole('link', { name: 'Edit candidate' }).click();
    await expect(page.getByLabel('Source').inputValue()).resolves.toBe('referral');
    await page.getByLabel('Name').fill('Ada Lovelace');
    await page.getByLabel('Phone').fill('+44 20 7946 0001');
    await page.getByLabel('Source').fill('');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Changes saved.');
    const saved = (await api('recruiter').get(`/api/candidates/${id}`).expect(200)).body;
    expect(saved).toMatchObject({ name: 'Ada Lovelace', email: address, phone: '+44 20 7946 0001', source: null });
    await expect(page.getByText('+44 20 7946 0001').count()).resolves.toBe(1);
    await screenshot(page, 'candidate-1280');
    await context.close();
  });

  it('refuses a bad email and a taken one next to the field, keeping what was typed and writing nothing', async () => {
    const taken = email('taken');
    await api('recruiter').post('/api/candidates').send({ name: 'Taken Address', email: taken }).expect(201);
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    await page.goto(`${suite.web.baseUrl}/app/candidates/new`);
    await page.getByLabel('Name').fill('Brian Kernighan');
    await page.getByLabel('Email').fill('not an email');
    const [refused] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Add candidate' }).click()]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#candidate-email-error').innerText()).resolves.toMatch(/^Email: /);
    await expect(page.getByLabel('Email').getAttribute('aria-invalid')).resolves.toBe('true');
    await expect(page.getByLabel('Name').inputValue()).resolves.toBe('Brian Kernighan');

    await page.getByLabel('Email').fill(taken.toUpperCase());
    const [conflict] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Add candidate' }).click()]);
    expect(conflict.status()).toBe(409);
    await expect(page.locator('#candidate-email-error').innerText()).resolves.toContain('already exists');
    const found = (await api('recruiter').get('/api/candidates?q=brian').expect(200)).body.items;
    expect(found).toEqual([]);
    await context.close();
  });

  it('searches candidates by the start of the name or email, and lists a candidate’s loops as links to them', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/candidates`);
    await page.getByLabel('Search candidates').fill('grace');
    await page.getByRole('button', { name: 'Search' }).click();
    await expect(page.locator('.people-list__item > a').allInnerTexts()).resolves.toEqual(['Grace Looped']);
    await page.getByRole('link', { name: 'Grace Looped' }).click();
    expect(idFrom(page, 'candidates')).toBe(loop.candidateId);
    const loops = page.locator('section', { has: page.getByRole('heading', { name: 'Loops' }) });
    await expect(loops.getByRole('link', { name: 'Staff ML Engineer' }).getAttribute('href')).resolves.toBe(`/app/loops/${loop.id}`);
    await expect(loops.innerText()).resolves.toContain('Draft');
    await context.close();
  });

  it('declares a conflict of interest from the candidate page: a recruiter for anyone, a hiring manager only for themself', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/candidates/${loop.candidateId}`);
    const empty = await Promise.all([
      page.waitForResponse((response) => response.request().method() === 'POST'),
      page.getByRole('button', { name: 'Declare conflict' }).click(),
    ]);
    expect(empty[0].status()).toBe(400);
    await expect(page.locator('#conflict-userId-error').innerText()).resolves.toBe('Choose who has the conflict');
    await expect(page.locator('#conflict-reason-error').innerText()).resolves.toMatch(/^Say why/);
    await expect(page.getByLabel('Reason').getAttribute('aria-invalid')).resolves.toBe('true');

    await page.getByLabel('Who has the conflict').selectOption({ label: suite.team.users.interviewer2!.name });
    await page.getByLabel('Reason').fill('Former colleague at <Acme>');
    await page.getByRole('button', { name: 'Declare conflict' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toContain('Conflict of interest declared');
    const section = page.locator('section', { has: page.getByRole('heading', { name: 'Conflicts of interest' }) });
    const declared = section.locator('.people-list__item');
    await expect(declared.locator('strong').innerText()).resolves.toBe(suite.team.users.interviewer2!.name);
    await expect(declared.locator('.people-notes').innerText()).resolves.toBe('Former colleague at <Acme>');
    await expect(declared.innerText()).resolves.toContain(`Declared by ${suite.team.users.recruiter!.name}`);
    const conflicts = (await api('recruiter').get(`/api/candidates/${loop.candidateId}/conflicts`).expect(200)).body;
    expect(conflicts).toMatchObject([{ userId: suite.team.users.interviewer2!.id, reason: 'Former colleague at <Acme>', declaredById: suite.team.users.recruiter!.id }]);

    await page.getByLabel('Who has the conflict').selectOption({ label: suite.team.users.interviewer2!.name });
    await page.getByLabel('Reason').fill('Again');
    const [again] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Declare conflict' }).click()]);
    expect(again.status()).toBe(409);
    await expect(page.getByRole('alert').innerText()).resolves.toBe('This conflict of interest is already declared');
    await context.close();

    const manager = await openPage(suite.browser);
    await signIn(manager.page, suite.web.baseUrl, suite.team.users.hiringManager!);
    await manager.page.goto(`${suite.web.baseUrl}/app/candidates/${loop.candidateId}`);
    const picker = manager.page.getByLabel('Who has the conflict');
    await expect(picker.locator('option').allInnerTexts()).resolves.toEqual(['Choose a person', `${suite.team.users.hiringManager!.name} (you)`]);
    await expect(picker.inputValue()).resolves.toBe(suite.team.users.hiringManager!.id);
    await manager.page.getByLabel('Reason').fill('I referred them');
    await manager.page.getByRole('button', { name: 'Declare conflict' }).click();
    await expect(manager.page.getByRole('status').innerText()).resolves.toContain('Conflict of interest declared');
    const all = (await api('recruiter').get(`/api/candidates/${loop.candidateId}/conflicts`).expect(200)).body as { userId: string }[];
    expect(all.map((conflict) => conflict.userId)).toEqual([suite.team.users.interviewer2!.id, suite.team.users.hiringManager!.id]);
    await manager.context.close();
  });

  it('a hiring manager opens a position and closes it without JavaScript; its page lists its loops', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    await page.goto(`${suite.web.baseUrl}/app/positions`);
    await page.getByRole('link', { name: 'New position' }).click();
    await expect(page.getByLabel('Hiring manager').inputValue()).resolves.toBe(suite.team.users.hiringManager!.id);
    await page.getByLabel('Title').fill('Senior AI Engineer');
    await page.getByLabel('Role family').selectOption({ label: 'AI engineer' });
    await page.getByLabel('Level').fill('');
    const [refused] = await Promise.all([page.waitForResponse((response) => response.request().method() === 'POST'), page.getByRole('button', { name: 'Open position' }).click()]);
    expect(refused.status()).toBe(400);
    await expect(page.locator('#position-level-error').innerText()).resolves.toBe('Give the level (for example senior, staff, L5)');
    await expect(page.getByLabel('Title').inputValue()).resolves.toBe('Senior AI Engineer');
    await page.getByLabel('Level').fill('senior');
    await page.getByRole('button', { name: 'Open position' }).click();
    const id = idFrom(page, 'positions');
    await expect(page.getByRole('status').innerText()).resolves.toBe('Position opened.');
    await expect(page.locator('.people-facts').innerText()).resolves.toContain(`Hiring manager\n${suite.team.users.hiringManager!.name}`);

    await page.getByRole('link', { name: 'Edit position' }).click();
    await page.getByLabel('Title').fill('Senior AI Engineer, Evaluation');
    await page.getByLabel('Status').selectOption({ label: 'Closed' });
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect(page.getByRole('status').innerText()).resolves.toBe('Changes saved.');
    const saved = (await api('admin').get(`/api/positions/${id}`).expect(200)).body;
    expect(saved).toMatchObject({ title: 'Senior AI Engineer, Evaluation', roleFamily: 'ai_engineer', level: 'senior', status: 'closed', hiringManagerId: suite.team.users.hiringManager!.id });

    await page.goto(`${suite.web.baseUrl}/app/positions?status=closed`);
    await expect(page.locator('.people-list__item > a').allInnerTexts()).resolves.toEqual(['Senior AI Engineer, Evaluation']);
    await page.goto(`${suite.web.baseUrl}/app/positions/${positionId}`);
    await expect(page.getByRole('link', { name: 'Grace Looped' }).getAttribute('href')).resolves.toBe(`/app/loops/${loop.id}`);
    await screenshot(page, 'position-1280');
    await context.close();
  });

  it('follows the API’s roles: a recruiter reads positions but may not open or edit one; an interviewer sees neither area', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.recruiter!);
    await page.goto(`${suite.web.baseUrl}/app/positions/${positionId}`);
    await expect(page.getByRole('link', { name: 'Edit position' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Export this position’s packets' }).getAttribute('href')).resolves.toBe(`/app/exports?positionId=${positionId}`);
    expect((await page.goto(`${suite.web.baseUrl}/app/positions/new`))?.status()).toBe(403);
    expect((await page.goto(`${suite.web.baseUrl}/app/positions/${positionId}/edit`))?.status()).toBe(403);
    await context.close();

    const other = await createTeam(suite.web, { admin: ['admin'] });
    const outsider = await openPage(suite.browser);
    await signIn(outsider.page, suite.web.baseUrl, other.users.admin!);
    expect((await outsider.page.goto(`${suite.web.baseUrl}/app/candidates/${loop.candidateId}`))?.status()).toBe(404);
    expect((await outsider.page.goto(`${suite.web.baseUrl}/app/positions/${positionId}`))?.status()).toBe(404);
    await outsider.context.close();

    const interviewer = await openPage(suite.browser);
    await signIn(interviewer.page, suite.web.baseUrl, suite.team.users.interviewer!);
    for (const path of ['/app/candidates', `/app/candidates/${loop.candidateId}`, '/app/positions', `/app/positions/${positionId}`]) {
      expect([path, (await interviewer.page.goto(`${suite.web.baseUrl}${path}`))?.status()]).toEqual([path, 403]);
    }
    await interviewer.context.close();
  });

  it('every page passes axe (WCAG 2.x A/AA), a refused form included, and has no horizontal scrolling at 320 px', async () => {
    const paths = [
      '/app/candidates',
      '/app/candidates/new',
      `/app/candidates/${loop.candidateId}`,
      `/app/candidates/${loop.candidateId}/edit`,
      '/app/positions',
      '/app/positions/new',
      `/app/positions/${positionId}`,
      `/app/positions/${positionId}/edit`,
    ];
    const problems: string[] = [];
    const { context, page } = await openPage(suite.browser, { bypassCSP: true });
    await signIn(page, suite.web.baseUrl, suite.team.users.admin!);
    const check = async (label: string, width: number) => {
      problems.push(...(await pageProblems(page, label, width)));
    };
    for (const width of [1280, 320]) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of paths) {
        const response = await page.goto(`${suite.web.baseUrl}${path}`);
        const csp = response?.headers()['content-security-policy'] ?? '';
        if (!csp.includes("script-src 'self'") || csp.includes('unsafe-inline')) problems.push(`${path}: CSP ${csp}`);
        await check(path, width);
        if (width === 320) await screenshot(page, `people-320${path.replace(/\/[0-9a-f-]{36}/, '/id').replaceAll('/', '-')}`);
      }
      await page.goto(`${suite.web.baseUrl}/app/candidates/new`);
      await page.getByRole('button', { name: 'Add candidate' }).click();
      await page.getByRole('alert').or(page.locator('.field-error').first()).waitFor();
      await check('refused new candidate', width);
      await page.goto(`${suite.web.baseUrl}/app/candidates/${loop.candidateId}`);
      await page.getByRole('button', { name: 'Declare conflict' }).click();
      await page.locator('#conflict-reason-error').waitFor();
      await check('refused conflict', width);
      if (width === 1280) await screenshot(page, 'candidate-refused-conflict-1280');
    }
    await context.close();
    expect(problems).toEqual([]);
  }, 180_000);
});

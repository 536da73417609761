import {
  as,
  auditActions,
  browserSuite,
  DEFAULT_TEAM,
  openPage,
  pageProblems,
  pillarIdsByKey,
  roundFor,
  screenshot,
  signIn,
  type RoundFixture,
} from '@loopwright/testing';
import { randomUUID } from 'node:crypto';
import type { Page } from 'playwright-core';

/** A journey through a real browser on a busy machine takes a while; nothing here waits on the clock. */
const JOURNEY_MS = 180_000;

const STRONG_PASSWORD = 'violet-anchor-meadow-71';

describe('web: the admin pages (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM });
  let loop: RoundFixture;

  beforeAll(async () => {
    loop = await roundFor(suite.web, suite.team, { interviewerKey: 'interviewer', candidateName: 'Priya Preview', startsAt: new Date('2025-02-03T10:00:00Z') });
  }, 120_000);

  const admin = () => as(suite.web, suite.team.users.admin!);
  const submit = (page: Page, name: string) =>
    Promise.all([page.waitForEvent('load'), page.getByRole('button', { name, exact: true }).click()]).then(() => page);
  const usersByEmail = async (email: string) =>
    ((await admin().get(`/api/users?q=${encodeURIComponent(email)}`).expect(200)).body.items as { id: string; email: string }[]).filter(
      (user) => user.email === email,
    );
  const previewFrame = (page: Page) => page.frameLocator('iframe[title="Preview of the packet"]').locator('body');

  it(
    'without JavaScript: an admin sets the time zone, creates a user (a weak password refused in words), qualifies them for two pillars in the grid, changes roles and limit, sets a password, deactivates',
    async () => {
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin');
      expect(new URL(page.url()).pathname).toBe('/app/admin');
      await expect(page.getByRole('link', { name: 'Users', exact: true }).getAttribute('href')).resolves.toBe('/app/admin/users');

      await page.getByLabel('Organization time zone').selectOption('Europe/Berlin');
      await submit(page, 'Save time zone');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The time zone was saved.');
      await expect(page.getByLabel('Organization time zone').inputValue()).resolves.toBe('Europe/Berlin');
      await expect(auditActions(suite.web, suite.team.organization.id, suite.team.organization.id)).resolves.toContain('organization.updated');

      const email = `dana.${randomUUID().slice(0, 8)}@example.test`;
      await page.goto(`${suite.web.baseUrl}/app/admin/users/new`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Name', { exact: true }).fill('Dana Lee');
      await expect(page.getByRole('checkbox', { name: 'Interviewer' }).isChecked()).resolves.toBe(true);
      await page.getByLabel('Password (optional)').fill('password123');
      await page.getByLabel('Weekly interview limit').fill('4');
      await submit(page, 'Create user');
      const passwordError = page.locator('#new-user-password-error');
      await expect(passwordError.textContent()).resolves.toBe(
        'Error: Password is too easy to guess: This is a commonly used password. Add more words that are less common.',
      );
      await expect(page.getByLabel('Password (optional)').getAttribute('aria-describedby')).resolves.toContain('new-user-password-error');
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe(email);
      expect(await usersByEmail(email)).toEqual([]);

      await page.getByLabel('Password (optional)').fill(STRONG_PASSWORD);
      await submit(page, 'Create user');
      await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('Dana Lee');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The user was created.');
      const [dana] = await usersByEmail(email);
      const created = (await admin().get(`/api/users/${dana!.id}`).expect(200)).body;
      expect(created).toMatchObject({ name: 'Dana Lee', roles: ['interviewer'], weeklyInterviewLimit: 4, timezone: 'Europe/Berlin', active: true });

      // The same email again: the service's 409 next to the field.
      await page.goto(`${suite.web.baseUrl}/app/admin/users/new`);
      await page.getByLabel('Email').fill(email.toUpperCase());
      await page.getByLabel('Name', { exact: true }).fill('Dana Again');
      await submit(page, 'Create user');
      await expect(page.locator('#new-user-email-error').innerText()).resolves.toContain('already exists');

      await page.goto(`${suite.web.baseUrl}/app/admin/qualifications`);
      await page.getByLabel('Dana Lee — Practical coding').selectOption('qualified');
      await page.getByLabel('Dana Lee — AI systems design').selectOption('shadow');
      await submit(page, 'Save Dana Lee');
      await expect(page.getByRole('status').innerText()).resolves.toBe('Saved the qualifications of Dana Lee.');
      await expect(page.getByLabel('Dana Lee — Practical coding').inputValue()).resolves.toBe('qualified');
      const pillars = Object.fromEntries(
        ((await admin().get('/api/pillars').expect(200)).body as { id: string; key: string }[]).map((pillar) => [pillar.id, pillar.key]),
      );
      const qualified = (await admin().get(`/api/users/${dana!.id}`).expect(200)).body.qualifications as { pillarId: string; level: string }[];
      expect(qualified.map((item) => `${pillars[item.pillarId]}=${item.level}`).sort()).toEqual(['coding=qualified', 'system-design=shadow']);
      // Save all changes saves only the rows that changed: another interviewer's row, this time.
      await page.getByLabel(`${suite.team.users.interviewer2!.name} — Foundational knowledge`).selectOption('shadow');
      await submit(page, 'Save all changes');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The changes were saved.');
      const other = (await admin().get(`/api/users/${suite.team.users.interviewer2!.id}`).expect(200)).body.qualifications;
      expect(other).toEqual([expect.objectContaining({ level: 'shadow' })]);
      await screenshot(page, 'admin-qualifications-1280');

      await page.goto(`${suite.web.baseUrl}/app/admin/users/${dana!.id}`);
      await page.getByRole('checkbox', { name: 'Recruiter' }).check();
      await page.getByLabel('Weekly interview limit').fill('');
      await submit(page, 'Save changes');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The changes were saved.');
      await expect(admin().get(`/api/users/${dana!.id}`).expect(200)).resolves.toMatchObject({
        body: { roles: ['recruiter', 'interviewer'], weeklyInterviewLimit: null },
      });
      await page.getByLabel('Weekly interview limit').fill('80');
      await submit(page, 'Save changes');
      await expect(page.locator('#user-weeklyInterviewLimit-error').textContent()).resolves.toBe(
        'Error: Weekly interview limit must not be greater than 50',
      );

      await page.goto(`${suite.web.baseUrl}/app/admin/users/${dana!.id}`);
      await page.getByLabel('New password').fill('Dana Lee 2025');
      await submit(page, 'Set password');
      await expect(page.locator('#reset-password-error').innerText()).resolves.toContain('too easy to guess');
      const newPassword = 'quartz-lantern-harbor-39';
      await page.getByLabel('New password').fill(newPassword);
      await submit(page, 'Set password');
      await expect(page.getByRole('status').innerText()).resolves.toContain('The new password was set');
      const asDana = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(asDana.page, suite.web.baseUrl, { email }, newPassword);
      expect(new URL(asDana.page.url()).pathname).toBe('/app');

      await submit(page, 'Deactivate Dana Lee');
      await expect(page.getByRole('status').innerText()).resolves.toContain('The user was deactivated');
      await expect(admin().get(`/api/users/${dana!.id}`).expect(200)).resolves.toMatchObject({ body: { active: false } });
      // Deactivation ended Dana's session at once.
      await asDana.page.goto(`${suite.web.baseUrl}/app`);
      expect(new URL(asDana.page.url()).pathname).toBe('/login');
      await asDana.context.close();
      await submit(page, 'Reactivate Dana Lee');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The user was reactivated.');

      await page.goto(`${suite.web.baseUrl}/app/admin/users`);
      const row = page.getByRole('row', { name: /Dana Lee/ });
      await expect(row.innerText()).resolves.toContain('Recruiter, Interviewer');
      // The filters of GET /api/users: a role and a name prefix.
      await page.getByLabel('Role').selectOption('recruiter');
      await submit(page, 'Filter');
      const names = () => page.locator('tbody th').allInnerTexts();
      await expect(names()).resolves.toEqual(['Dana Lee', suite.team.users.recruiter!.name]);
      await page.getByLabel('Search users').fill('dana');
      await submit(page, 'Filter');
      await expect(names()).resolves.toEqual(['Dana Lee']);
      expect(new URL(page.url()).search).toBe('?q=dana&role=recruiter&active=');
      await context.close();
    },
    JOURNEY_MS,
  );

  it(
    'edits a packet template and sees the preview on a real loop change (Preview button and, with JavaScript, after typing), an error with line and column, deletes it',
    async () => {
      const { context, page } = await openPage(suite.browser);
      await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin/templates/new');
      await page.getByLabel('Name', { exact: true }).fill('Short packet');
      await page.getByLabel('Template source').fill('<h1>Packet of {{candidate.name}}</h1>\n');
      await submit(page, 'Create template');
      await expect(page.getByRole('status').first().innerText()).resolves.toBe('The template was created.');
      const templateUrl = page.url().split('?', 1)[0]!;
      await expect(page.getByLabel('Preview on loop').locator('option:checked').innerText()).resolves.toBe('Priya Preview — AI Engineer');
      await expect(previewFrame(page).locator('h1').innerText()).resolves.toBe('Packet of Priya Preview');

      // The Preview button renders what is in the editor; nothing is saved.
      await page.getByLabel('Template source').fill('<h1>Packet of {{candidate.name}}</h1>\n<p id="role">For {{position.title}}</p>\n');
      await submit(page, 'Preview');
      await expect(previewFrame(page).locator('#role').innerText()).resolves.toBe('For AI Engineer');
      const id = templateUrl.split('/').pop()!;
      await expect(admin().get(`/api/packet-templates/${id}`).expect(200)).resolves.toMatchObject({ body: { version: 1 } });

      // With JavaScript the preview follows the typing (htmx, a moment after the last key).
      await page.getByLabel('Template source').fill('<h1>Edited for {{candidate.name}}</h1>\n');
      await previewFrame(page).locator('h1', { hasText: 'Edited for Priya Preview' }).waitFor();
      await expect(page.getByLabel('Template source').inputValue()).resolves.toBe('<h1>Edited for {{candidate.name}}</h1>\n');
      await submit(page, 'Save');
      await expect(page.getByRole('status').first().innerText()).resolves.toBe('A new version of the template was saved.');
      await expect(admin().get(`/api/packet-templates/${id}`).expect(200)).resolves.toMatchObject({
        body: { version: 2, source: '<h1>Edited for {{candidate.name}}</h1>\n' },
      });
      await screenshot(page, 'admin-template-1280');

      // Typing a mistake: the problem with its line and column appears next to the editor, without a button.
      await page.getByLabel('Template source').fill('<h1>{{candidate.name}}</h1>\n{{#if loop.decision}}\n');
      await page.locator('#source-problem', { hasText: /Line \d+, column \d+/ }).waitFor();
      await expect(previewFrame(page).locator('h1').count()).resolves.toBe(0);

      // A template that does not compile: the problem with its line and column next to the editor, nothing saved.
      await page.getByLabel('Template source').fill('<h1>{{candidate.name}}</h1>\n<ul>{{#each rounds}}<li>{{title}}</li>\n</ul>\n');
      await submit(page, 'Save');
      const error = page.locator('#source-error');
      await expect(error.textContent()).resolves.toMatch(/^Error: Line \d+, column \d+: /);
      await expect(page.getByLabel('Template source').getAttribute('aria-describedby')).resolves.toContain('source-error');
      await expect(page.getByLabel('Template source').getAttribute('aria-invalid')).resolves.toBe('true');
      await expect(admin().get(`/api/packet-templates/${id}`).expect(200)).resolves.toMatchObject({ body: { version: 2 } });
      await page.getByLabel('Template source').fill('<p>{{nosuchfield.name}}</p>\n\n{{#if}}\n');
      await submit(page, 'Preview');
      await expect(error.innerText()).resolves.toMatch(/Line \d+, column \d+/);
      await screenshot(page, 'admin-template-error-1280');

      await page.goto(templateUrl);
      await submit(page, 'Delete Short packet');
      await expect(page.getByRole('status').innerText()).resolves.toBe('The template was deleted.');
      await admin().get(`/api/packet-templates/${id}`).expect(404);
      await context.close();
    },
    JOURNEY_MS,
  );

  it('a Markdown template previews as text, escaped (JavaScript off)', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin/templates/new');
    await page.getByLabel('Name', { exact: true }).fill('Markdown packet');
    await page.getByRole('radio', { name: 'Markdown' }).check();
    await page.getByLabel('Template source').fill('# {{candidate.name}}\n\n<b>not bold</b>\n');
    await submit(page, 'Preview');
    await expect(page.getByLabel('Preview of the packet (Markdown)').innerText()).resolves.toContain('# Priya Preview');
    await expect(page.getByLabel('Preview of the packet (Markdown)').innerText()).resolves.toContain('<b>not bold</b>');
    await expect(page.locator('.admin-preview b').count()).resolves.toBe(0);
    await submit(page, 'Create template');
    await expect(page.getByRole('status').first().innerText()).resolves.toBe('The template was created.');
    await page.goto(`${suite.web.baseUrl}/app/admin/templates`);
    await expect(page.getByRole('link', { name: 'Markdown packet' }).count()).resolves.toBe(1);
    await context.close();
  }, JOURNEY_MS);

  it('others get what the API gives them: 403 for the admin pages; a hiring manager may open the qualifications grid', async () => {
    const statuses: Record<string, number | undefined> = {};
    for (const key of ['hiringManager', 'interviewer', 'recruiter']) {
      const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
      await signIn(page, suite.web.baseUrl, suite.team.users[key]!);
      for (const path of ['/app/admin', '/app/admin/users', `/app/admin/users/${suite.team.users.admin!.id}`, '/app/admin/templates', '/app/admin/qualifications'])
        statuses[`${key} ${path.replace(suite.team.users.admin!.id, ':id')}`] = (await page.goto(`${suite.web.baseUrl}${path}`))?.status();
      if (key === 'hiringManager') {
        await page.goto(`${suite.web.baseUrl}/app/admin/qualifications`);
        // The admin index is not theirs: no link to it.
        await expect(page.getByRole('link', { name: 'Admin', exact: true }).count()).resolves.toBe(0);
        await page.getByLabel(`${suite.team.users.interviewer3!.name} — Behavioral and project deep dives`).selectOption('qualified');
        await submit(page, `Save ${suite.team.users.interviewer3!.name}`);
        await expect(page.getByRole('status').innerText()).resolves.toBe(`Saved the qualifications of ${suite.team.users.interviewer3!.name}.`);
      }
      await context.close();
    }
    expect(statuses).toEqual({
      'hiringManager /app/admin': 403,
      'hiringManager /app/admin/users': 403,
      'hiringManager /app/admin/users/:id': 403,
      'hiringManager /app/admin/templates': 403,
      'hiringManager /app/admin/qualifications': 200,
      'interviewer /app/admin': 403,
      'interviewer /app/admin/users': 403,
      'interviewer /app/admin/users/:id': 403,
      'interviewer /app/admin/templates': 403,
      'interviewer /app/admin/qualifications': 403,
      'recruiter /app/admin': 403,
      'recruiter /app/admin/users': 403,
      'recruiter /app/admin/users/:id': 403,
      'recruiter /app/admin/templates': 403,
      'recruiter /app/admin/qualifications': 403,
    });
    const levels = (await admin().get(`/api/users/${suite.team.users.interviewer3!.id}`).expect(200)).body.qualifications;
    expect(levels).toEqual([expect.objectContaining({ level: 'qualified' })]);
  }, JOURNEY_MS);

  it('refuses bad input with 400 in words and writes nothing: an unknown time zone, an unknown level in the grid', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.admin!, undefined, '/login?next=/app/admin');
    const post = (path: string, form: Record<string, string>) =>
      page.evaluate(
        async ([url, body]) => {
          const response = await fetch(url, { method: 'POST', body: new URLSearchParams(body) });
          return { status: response.status, text: await response.text() };
        },
        [path, form] as const,
      );
    const zoneOf = async () =>
      ((await suite.web.dataSource.query(`SELECT timezone FROM organizations WHERE id = $1`, [suite.team.organization.id])) as { timezone: string }[])[0]!.timezone;
    const before = await zoneOf();
    const zone = await post('/app/admin/timezone', { timezone: 'Mars/Olympus' });
    expect(zone.status).toBe(400);
    expect(zone.text).toContain('Time zone must be a valid IANA time-zone');
    expect(await zoneOf()).toBe(before);

    const pillarId = Object.values(await pillarIdsByKey(admin()))[0]!;
    const userId = suite.team.users.interviewer2!.id;
    const held = (await admin().get(`/api/users/${userId}`).expect(200)).body.qualifications;
    const grid = await post('/app/admin/qualifications', { [`level:${userId}:${pillarId}`]: 'expert', save: userId });
    expect(grid.status).toBe(400);
    expect(grid.text).toContain('Not saved: Level must be one of the following values: shadow, qualified');
    await expect(admin().get(`/api/users/${userId}`).expect(200)).resolves.toMatchObject({ body: { qualifications: held } });
    await context.close();
  }, JOURNEY_MS);

  it(
    'every admin page passes axe (WCAG 2.x A/AA) and has no horizontal scrolling at 320 px, error states included',
    async () => {
      const template = (
        await admin().post('/api/packet-templates').send({ name: 'Axe packet', format: 'html', source: '<h1>{{candidate.name}}</h1>' }).expect(201)
      ).body;
      const { context, page } = await openPage(suite.browser, { bypassCSP: true });
      await signIn(page, suite.web.baseUrl, suite.team.users.admin!);
      const problems: string[] = [];
      const check = async (name: string, width: number) => {
        problems.push(...(await pageProblems(page, name, width)));
        await screenshot(page, `admin-${name}-${width}`);
      };
      const pages: Record<string, string> = {
        index: '/app/admin',
        users: '/app/admin/users',
        'user-new': '/app/admin/users/new',
        user: `/app/admin/users/${suite.team.users.interviewer!.id}`,
        qualifications: '/app/admin/qualifications',
        templates: '/app/admin/templates',
        'template-new': '/app/admin/templates/new',
        template: `/app/admin/templates/${template.id}?loopId=${loop.loopId}`,
      };
      for (const width of [1280, 320]) {
        await page.setViewportSize({ width, height: 900 });
        for (const [name, path] of Object.entries(pages)) {
          await page.goto(`${suite.web.baseUrl}${path}`);
          await check(name, width);
        }
        await page.goto(`${suite.web.baseUrl}/app/admin/users/new`);
        await submit(page, 'Create user');
        await check('user-new-errors', width);
        await page.goto(`${suite.web.baseUrl}${pages.template}`);
        await page.getByLabel('Template source').fill('{{#each rounds}}\n');
        await submit(page, 'Preview');
        await check('template-error', width);
      }
      await context.close();
      expect(problems).toEqual([]);
    },
    JOURNEY_MS,
  );
});

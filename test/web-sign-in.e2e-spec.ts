import {
  as,
  axeViolations,
  createTeam,
  describeViolations,
  launchBrowser,
  openPage,
  screenshot,
  scrollWidth,
  signIn,
  startWebApp,
  TEST_PASSWORD,
  type TestTeam,
  type WebTestApp,
} from '@loopwright/testing';
import type { Browser } from 'playwright-core';

describe('web: sign-in, sign-out and the session (real Chromium)', () => {
  let web: WebTestApp;
  let browser: Browser;
  let team: TestTeam;

  beforeAll(async () => {
    web = await startWebApp();
    browser = await launchBrowser(web);
    team = await createTeam(web);
  });

  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it('signs in with Email and Password and lands on the home page', async () => {
    const { context, page } = await openPage(browser);
    await signIn(page, web.baseUrl, team.users.interviewer!);
    expect(new URL(page.url()).pathname).toBe('/app');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'My interviews' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('says the same for an unknown email and a wrong password, and keeps the typed email', async () => {
    const { context, page } = await openPage(browser);
    const messages: string[] = [];
    for (const email of [team.users.recruiter!.email, 'nobody@example.test']) {
      await page.goto(`${web.baseUrl}/login`);
      await page.getByLabel('Email').fill(email);
      await page.getByLabel('Password').fill('not-the-password-1');
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('alert').waitFor();
      messages.push(await page.getByRole('alert').innerText());
      await expect(page.getByLabel('Email').inputValue()).resolves.toBe(email);
      await expect(page.getByLabel('Password').inputValue()).resolves.toBe('');
    }
    expect(messages[0]).toBe(messages[1]);
    expect(messages[0]).toMatch(/wrong email or password/i);
    await context.close();
  });

  it('the login page has no axe violations and no horizontal scrolling at 320 px', async () => {
    for (const width of [1280, 320]) {
      const { context, page } = await openPage(browser, { width, bypassCSP: true });
      await page.goto(`${web.baseUrl}/login`);
      const violations = await axeViolations(page);
      expect(describeViolations(violations)).toBe('');
      expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
      await screenshot(page, `login-${width}`);
      await context.close();
    }
  });

  it('API bearer tokens keep working next to web sessions', async () => {
    await as(web, team.users.admin!).get('/api/me').expect(200);
    const login = await web.http().post('/api/auth/login').send({ email: team.users.admin!.email, password: TEST_PASSWORD }).expect(200);
    await as(web, login.body as { token: string }).get('/api/me').expect(200);
  });
});

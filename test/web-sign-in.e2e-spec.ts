import {
  as,
  browserSuite,
  DEFAULT_TEAM,
  openPage,
  pageProblems,
  screenshot,
  signIn,
  TEST_PASSWORD,
} from '@loopwright/testing';

describe('web: sign-in, sign-out and the session (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM });

  it('signs in with Email and Password and lands on the home page', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!);
    expect(new URL(page.url()).pathname).toBe('/app');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'My interviews' }).count()).resolves.toBe(1);
    await expect(page.getByRole('button', { name: 'Sign out' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('says the same for an unknown email and a wrong password, and keeps the typed email', async () => {
    const { context, page } = await openPage(suite.browser);
    const messages: string[] = [];
    for (const email of [suite.team.users.recruiter!.email, 'nobody@example.test']) {
      await page.goto(`${suite.web.baseUrl}/login`);
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
      const { context, page } = await openPage(suite.browser, { width, bypassCSP: true });
      await page.goto(`${suite.web.baseUrl}/login`);
      expect(await pageProblems(page, 'login', width)).toEqual([]);
      await screenshot(page, `login-${width}`);
      await context.close();
    }
  });

  it('API bearer tokens keep working next to web sessions', async () => {
    await as(suite.web, suite.team.users.admin!).get('/api/me').expect(200);
    const login = await suite.web.http().post('/api/auth/login').send({ email: suite.team.users.admin!.email, password: TEST_PASSWORD }).expect(200);
    await as(suite.web, login.body as { token: string })
      .get('/api/me')
      .expect(200);
  });
});

import { WEB_SESSION_COOKIE } from '@loopwright/identity';
import { as, browserSuite, openPage, signIn, TEST_PASSWORD } from '@loopwright/testing';
import type { BrowserContext, Page } from 'playwright-core';

const NEW_PASSWORD = 'quartz-lantern-meadow-7';

describe('web: sessions end when they must (real Chromium)', () => {
  const suite = browserSuite({
    team: {
      admin: ['admin'],
      recruiter: ['recruiter'],
      leaver: ['interviewer'],
      mover: ['interviewer'],
      everywhere: ['interviewer'],
      idle: ['interviewer'],
      rotate: ['interviewer'],
      plain: ['interviewer'],
    },
  });

  const sessionCookie = async (context: BrowserContext) => (await context.cookies()).find((cookie) => cookie.name === WEB_SESSION_COOKIE);

  /** Whether the page at /app still opens with this context's cookie, or sends the person to the login page. */
  const signedIn = async (page: Page): Promise<boolean> => {
    await page.goto(`${suite.web.baseUrl}/app`);
    return new URL(page.url()).pathname === '/app';
  };

  it('sets the session id in an HttpOnly, SameSite=Lax cookie, and Sign out makes the old cookie worthless', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.plain!);
    const cookie = await sessionCookie(context);
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', secure: false, path: '/' });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    await expect(sessionCookie(context)).resolves.toBeUndefined();

    // Someone who kept a copy of the cookie gets the login page.
    const replay = await openPage(suite.browser);
    await replay.context.addCookies([cookie!]);
    await replay.page.goto(`${suite.web.baseUrl}/app/interviews`);
    expect(new URL(replay.page.url()).pathname).toBe('/login');
    expect(new URL(replay.page.url()).searchParams.get('next')).toBe('/app/interviews');
    await expect(replay.page.getByRole('button', { name: 'Sign in' }).count()).resolves.toBe(1);
    await Promise.all([context.close(), replay.context.close()]);
  });

  it('deactivation ends the session at once', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.leaver!);
    expect(await signedIn(page)).toBe(true);
    await as(suite.web, suite.team.users.admin!).patch(`/api/users/${suite.team.users.leaver!.id}`).send({ active: false }).expect(200);
    expect(await signedIn(page)).toBe(false);
    await context.close();
  });

  it('a password change ends the session, and the new password signs in', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.mover!);
    await as(suite.web, suite.team.users.admin!).patch(`/api/users/${suite.team.users.mover!.id}`).send({ password: NEW_PASSWORD }).expect(200);
    expect(await signedIn(page)).toBe(false);
    await signIn(page, suite.web.baseUrl, suite.team.users.mover!, NEW_PASSWORD);
    expect(await signedIn(page)).toBe(true);
    await context.close();
  });

  it('logout-all through the API ends every web session of the person', async () => {
    const [first, second] = [await openPage(suite.browser), await openPage(suite.browser)];
    await signIn(first.page, suite.web.baseUrl, suite.team.users.everywhere!);
    await signIn(second.page, suite.web.baseUrl, suite.team.users.everywhere!);
    await as(suite.web, suite.team.users.everywhere!).post('/api/auth/logout-all').expect(204);
    expect(await signedIn(first.page)).toBe(false);
    expect(await signedIn(second.page)).toBe(false);
    await Promise.all([first.context.close(), second.context.close()]);
  });

  it('ends after 12 hours without use, and after its absolute expiry however much it is used', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.idle!);
    const userId = suite.team.users.idle!.id;
    await suite.web.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now() - interval '11 hours 50 minutes' WHERE user_id = $1 AND kind = 'web'`,
      [userId],
    );
    expect(await signedIn(page)).toBe(true);
    await suite.web.dataSource.query(
      `UPDATE api_tokens SET last_used_at = now() - interval '12 hours 1 minute' WHERE user_id = $1 AND kind = 'web'`,
      [userId],
    );
    expect(await signedIn(page)).toBe(false);

    await signIn(page, suite.web.baseUrl, suite.team.users.idle!);
    await suite.web.dataSource.query(
      `UPDATE api_tokens SET expires_at = now() - interval '1 second' WHERE user_id = $1 AND kind = 'web' AND revoked_at IS NULL`,
      [userId],
    );
    expect(await signedIn(page)).toBe(false);
    await context.close();
  });

  it('gives a new session id at every sign-in and ends the one the browser had', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.rotate!);
    const before = await sessionCookie(context);
    // The login form posted again from the same browser (someone else signing in on a shared machine, say).
    const response = await page.request.post(`${suite.web.baseUrl}/login`, {
      form: { email: suite.team.users.plain!.email, password: TEST_PASSWORD },
      headers: { origin: suite.web.baseUrl },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(303);
    const after = await sessionCookie(context);
    expect(after?.value).toEqual(expect.stringMatching(/^lw_/));
    expect(after?.value).not.toBe(before?.value);
    const stale = await openPage(suite.browser);
    await stale.context.addCookies([before!]);
    expect(await signedIn(stale.page)).toBe(false);
    await Promise.all([context.close(), stale.context.close()]);
  });

  it('follows next only to a path of this site', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.plain!, TEST_PASSWORD, `/login?next=${encodeURIComponent('//evil.test/steal')}`);
    expect(page.url()).toBe(`${suite.web.baseUrl}/app`);
    await context.close();
  });

  it('locks the email after 10 failed sign-ins, with the API’s lockout and a sentence that says when to retry', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      await page.goto(`${suite.web.baseUrl}/login`);
      await page.getByLabel('Email').fill(suite.team.users.recruiter!.email);
      await page.getByLabel('Password').fill(attempt < 10 ? `wrong-password-${attempt}` : TEST_PASSWORD);
      const [response] = await Promise.all([
        page.waitForResponse((candidate) => candidate.request().method() === 'POST'),
        page.getByRole('button', { name: 'Sign in' }).click(),
      ]);
      statuses.push(response.status());
    }
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(
      /^Too many failed sign-ins for this email\. Try again in 15 minutes\.$/,
    );
    await context.close();
  });
});

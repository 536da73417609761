import { WEB_SESSION_COOKIE } from '@loopwright/identity';
import { NAV_ITEMS } from '@loopwright/web';
import { as, browserSuite, DEFAULT_TEAM, openPage, roundFor, sessionCookie, signIn, TEST_PASSWORD } from '@loopwright/testing';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

describe('web: CSRF, CSP, caching, keyboard and no JavaScript (real Chromium)', () => {
  const suite = browserSuite({ team: DEFAULT_TEAM });
  let attacker: Server;
  let attackerUrl: string;

  beforeAll(async () => {
    // Another site (localhost is not 127.0.0.1: another origin and another site) with a form that posts to Loopwright.
    attacker = createServer((_request, response) => {
      response.setHeader('content-type', 'text/html');
      response.end(
        `<!doctype html><html lang="en"><title>Win a prize</title><form method="post" action="${suite.web.baseUrl}/login">` +
          `<input name="email" value="${suite.team.users.admin!.email}"><input name="password" value="${TEST_PASSWORD}">` +
          `<button>Claim</button></form><form method="post" action="${suite.web.baseUrl}/logout"><button>Leave</button></form></html>`,
      );
    });
    await new Promise<void>((resolve) => attacker.listen(0, '127.0.0.1', resolve));
    attackerUrl = `http://localhost:${(attacker.address() as AddressInfo).port}/`;
  }, 120_000);

  afterAll(async () => {
    await new Promise((resolve) => attacker?.close(resolve));
  });

  const cookieOf = (key: string): Promise<string> => sessionCookie(suite.web, suite.team.users[key]!);

  it('refuses a cross-site form post: no sign-in from another site, no sign-out either', async () => {
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!);
    const before = (await context.cookies()).find((cookie) => cookie.name === WEB_SESSION_COOKIE)!.value;
    await page.goto(attackerUrl);
    const [login] = await Promise.all([page.waitForResponse(`${suite.web.baseUrl}/login`), page.getByRole('button', { name: 'Claim' }).click()]);
    expect(login.status()).toBe(403);
    await page.goto(attackerUrl);
    const [logout] = await Promise.all([
      page.waitForResponse(`${suite.web.baseUrl}/logout`),
      page.getByRole('button', { name: 'Leave' }).click(),
    ]);
    expect(logout.status()).toBe(403);
    // Still the interviewer, with the same session.
    expect((await context.cookies()).find((cookie) => cookie.name === WEB_SESSION_COOKIE)!.value).toBe(before);
    await page.goto(`${suite.web.baseUrl}/app`);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'My interviews' }).count()).resolves.toBe(1);
    await context.close();
  });

  it('refuses state-changing requests that Fetch Metadata or Origin call cross-site; same-origin and bearer clients pass', async () => {
    const form = { email: suite.team.users.recruiter!.email, password: TEST_PASSWORD };
    await suite.web.http().post('/login').type('form').set('sec-fetch-site', 'cross-site').send(form).expect(403);
    await suite.web.http().post('/login').type('form').set('origin', 'http://evil.test').send(form).expect(403);
    await suite.web.http().post('/login').type('form').set('sec-fetch-site', 'same-origin').send(form).expect(303);
    await suite.web
      .http()
      .post('/logout')
      .set('cookie', await cookieOf('recruiter'))
      .set('sec-fetch-site', 'cross-site')
      .expect(403);
    // A script with a bearer token sends neither header.
    await as(suite.web, suite.team.users.admin!).post('/api/auth/tokens').send({ name: 'sync' }).expect(201);
  });

  it('marks the session cookie Secure when the request came over HTTPS (through a proxy), and HttpOnly, SameSite=Lax always', async () => {
    const form = { email: suite.team.users.recruiter!.email, password: TEST_PASSWORD };
    const secure = await suite.web.http().post('/login').type('form').set('x-forwarded-proto', 'https').send(form).expect(303);
    const plain = await suite.web.http().post('/login').type('form').send(form).expect(303);
    const cookie = (response: { headers: Record<string, unknown> }) =>
      ([] as string[]).concat(response.headers['set-cookie'] as string[])[0]!;
    expect(cookie(secure)).toMatch(/^lw_session=lw_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Secure; Max-Age=604\d{3}$/);
    expect(cookie(plain)).toMatch(/^lw_session=lw_[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Lax; Max-Age=604\d{3}$/);
  });

  it('sends a CSP without unsafe-inline (and no-store) on every page, signed in or not, errors included', async () => {
    const cookie = await cookieOf('admin');
    const paths = ['/', '/login', '/app', '/app/interviews', ...NAV_ITEMS.map((item) => item.href), '/app/no-such-page'];
    const seen: string[] = [];
    for (const path of paths) {
      for (const withCookie of [true, false]) {
        const request = suite.web.http().get(path);
        const response = await (withCookie ? request.set('cookie', cookie) : request);
        const csp = String(response.headers['content-security-policy']);
        expect(csp).toContain("script-src 'self'");
        expect(csp).not.toContain('unsafe-inline');
        expect(csp).not.toContain('unsafe-eval');
        expect(response.headers['cache-control']).toBe('no-store');
        seen.push(`${path} ${response.status}`);
      }
    }
    expect(seen).toContain('/app/interviews 403');
    expect(seen).toContain('/app/no-such-page 404');
    expect(seen).toContain('/app 303');
    const failed = await suite.web.http().post('/login').type('form').send({ email: 'nobody@example.test', password: 'x' }).expect(401);
    expect(String(failed.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });

  it('serves assets under content-hashed names with a year of caching, and no page route in the OpenAPI document', async () => {
    const html = (await suite.web.http().get('/login').expect(200)).text;
    const urls = [...html.matchAll(/(?:href|src)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
    expect(urls).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^\/assets\/app\.[0-9a-f]{12}\.css$/),
        expect.stringMatching(/^\/assets\/htmx\.min\.[0-9a-f]{12}\.js$/),
      ]),
    );
    for (const url of urls) {
      const asset = await suite.web.http().get(url).expect(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    }
    await suite.web.http().get('/assets/app.000000000000.css').expect(404);
    const document = (await suite.web.http().get('/docs-json').expect(200)).body as { paths: Record<string, unknown> };
    expect(Object.keys(document.paths).filter((path) => !path.startsWith('/api/') && path !== '/health')).toEqual([]);
  });

  it('runs under its own CSP without a single violation, with htmx loaded and eval off', async () => {
    const { context, page } = await openPage(suite.browser);
    const violations: string[] = [];
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    await signIn(page, suite.web.baseUrl, suite.team.users.hiringManager!);
    for (const path of ['/app', '/app/interviews', '/app/loops']) {
      await page.goto(`${suite.web.baseUrl}${path}`);
      await page.waitForFunction('typeof window.htmx === "object"');
      expect(await page.evaluate('window.htmx.config.allowEval')).toBe(false);
    }
    expect(violations).toEqual([]);
    await context.close();
  });

  it('escapes what people typed: a candidate named like markup is shown as text', async () => {
    const name = '<img src=x onerror="document.title=1"><script>document.title=2</script> Eve';
    await roundFor(suite.web, suite.team, { interviewerKey: 'interviewer2', candidateName: name, startsAt: new Date(Date.now() + 5 * 3_600_000) });
    const { context, page } = await openPage(suite.browser);
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer2!, TEST_PASSWORD, '/login?next=/app/interviews');
    await expect(page.getByRole('link', { name }).count()).resolves.toBe(1);
    await expect(page.locator('main img, main script').count()).resolves.toBe(0);
    await expect(page.title()).resolves.toBe('My interviews · Loopwright');
    await context.close();
  });

  it('works with the keyboard: the skip link comes first and moves to the content; the form signs in with Tab and Enter', async () => {
    const { context, page } = await openPage(suite.browser);
    await page.goto(`${suite.web.baseUrl}/login`);
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('Skip to main content');
    await page.keyboard.press('Enter');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('main');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.id')).resolves.toBe('email');
    await page.keyboard.type(suite.team.users.interviewer!.email);
    await page.keyboard.press('Tab');
    await page.keyboard.type(TEST_PASSWORD);
    await Promise.all([page.waitForURL(`${suite.web.baseUrl}/app`), page.keyboard.press('Enter')]);
    // Signed in: after the skip link, the brand, then Notifications and Sign out, then the navigation.
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Notifications');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent.trim()')).resolves.toBe('Sign out');
    await page.keyboard.press('Tab');
    await expect(page.evaluate('document.activeElement.textContent')).resolves.toBe('My interviews');
    await Promise.all([page.waitForURL(`${suite.web.baseUrl}/app/interviews`), page.keyboard.press('Enter')]);
    await context.close();
  });

  it('signs in, shows My interviews and signs out with JavaScript disabled', async () => {
    const { context, page } = await openPage(suite.browser, { javaScriptEnabled: false });
    await signIn(page, suite.web.baseUrl, suite.team.users.interviewer!, TEST_PASSWORD, '/login?next=/app/interviews');
    expect(page.url()).toBe(`${suite.web.baseUrl}/app/interviews`);
    await expect(page.getByRole('heading', { level: 1 }).innerText()).resolves.toBe('My interviews');
    await Promise.all([page.waitForURL(`${suite.web.baseUrl}/login`), page.getByRole('button', { name: 'Sign out' }).click()]);
    await page.goto(`${suite.web.baseUrl}/app`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await context.close();
  });
});

import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import Provider, { type Configuration } from 'oidc-provider';
import type { Browser, Page } from 'playwright-core';
import { AuthService } from '@loopwright/identity';
import {
  as,
  axeViolations,
  createTeam,
  createTestApp,
  describeViolations,
  launchBrowser,
  openPage,
  screenshot,
  scrollWidth,
  TEST_PASSWORD,
  unusedPort,
  type TestApp,
  type TestTeam,
} from '@loopwright/testing';

/** The provider's accounts: login name → claims. `groups` maps to roles through the organization's settings. */
const accounts: Record<string, { email: string; name: string; groups: string[] }> = {};

describe('single sign-on against a real OpenID provider (oidc-provider, real Chromium)', () => {
  const domain = `acme-${randomUUID().slice(0, 8)}.test`;
  const clientSecret = `secret-${randomUUID()}`;
  let web: TestApp;
  let baseUrl: string;
  let issuer: string;
  let providerServer: Server;
  let browser: Browser;
  let team: TestTeam;
  let other: TestTeam;

  beforeAll(async () => {
    const [appPort, providerPort] = [await unusedPort(), await unusedPort()];
    baseUrl = `http://127.0.0.1:${appPort}`;
    issuer = `http://127.0.0.1:${providerPort}`;
    const configuration: Configuration = {
      clients: [{ client_id: 'loopwright', client_secret: clientSecret, redirect_uris: [`${baseUrl}/auth/oidc/callback`], response_types: ['code'], grant_types: ['authorization_code'] }],
      pkce: { required: () => true },
      claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
      conformIdTokenClaims: false,
      features: { devInteractions: { enabled: true } },
      cookies: { keys: ['test-cookie-key'] },
      findAccount: (_context, id) => {
        const account = accounts[id];
        if (!account) return undefined;
        return { accountId: id, claims: () => ({ sub: id, email: account.email, email_verified: true, name: account.name, groups: account.groups }) };
      },
    };
    const provider = new Provider(issuer, configuration);
    providerServer = provider.listen(providerPort, '127.0.0.1');
    web = await createTestApp({ PUBLIC_URL: baseUrl, OIDC_ALLOW_INSECURE_ISSUERS: 'true' });
    await web.app.listen({ port: appPort, host: '127.0.0.1' });
    browser = await launchBrowser(web);
    [team, other] = await Promise.all([createTeam(web, { admin: ['admin'], breakGlass: ['admin'] }), createTeam(web, { admin: ['admin'] })]);
    await as(web, team.users.admin!)
      .put('/api/organization/sso')
      .send({
        issuer,
        clientId: 'loopwright',
        clientSecret,
        allowedDomains: [domain],
        roleClaim: 'groups',
        roleMapping: { eng: ['interviewer'], 'hiring-leads': ['hiring_manager', 'interviewer'] },
        required: false,
      })
      .expect(200);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.close();
    await new Promise((resolve) => providerServer?.close(resolve));
  });

  const account = (login: string, groups: string[], email = `${login}@${domain}`): string => {
    accounts[login] = { email, name: `${login[0]!.toUpperCase()}${login.slice(1)} Person`, groups };
    return email;
  };

  /** From the login page's Sign in with SSO link through the provider's own forms; ends where the app sends the browser. */
  async function signInThroughProvider(page: Page, email: string, login: string, atProvider?: () => Promise<void>): Promise<void> {
    await page.context().route(/fonts\.googleapis\.com/, (route) => route.abort());
    await page.goto(`${baseUrl}/login`);
    await page.getByRole('link', { name: 'Sign in with SSO' }).click();
    await page.getByLabel('Work email').fill(email);
    await Promise.all([page.waitForURL((url) => url.origin === issuer), page.getByRole('button', { name: 'Continue' }).click()]);
    await atProvider?.();
    await page.locator('input[name=login]').fill(login);
    await page.locator('input[name=password]').fill('any-password');
    await page.getByRole('button', { name: 'Sign-in' }).click();
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.waitForURL((url) => url.origin === baseUrl);
  }

  const userByEmail = async (email: string): Promise<{ id: string; roles: string[]; active: boolean } | undefined> =>
    ((await web.dataSource.query(`SELECT id, roles, active FROM users WHERE email = $1`, [email])) as { id: string; roles: string[]; active: boolean }[])[0];

  it('signs a new person in through the provider, creates them just in time with the mapped roles, and lands on /app', async () => {
    const email = account('grace', ['hiring-leads', 'sales']);
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, email, 'grace');
    expect(new URL(page.url()).pathname).toBe('/app');
    await expect(page.getByRole('navigation').getByRole('link', { name: 'My interviews' }).count()).resolves.toBe(1);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Analytics' }).count()).resolves.toBe(1);
    await expect(page.getByRole('navigation').getByRole('link', { name: 'Admin' }).count()).resolves.toBe(0);
    expect(await userByEmail(email)).toMatchObject({ roles: ['hiring_manager', 'interviewer'], active: true });
    const links = await web.dataSource.query(`SELECT issuer, subject FROM user_identities WHERE user_id = $1`, [(await userByEmail(email))!.id]);
    expect(links).toEqual([{ issuer, subject: 'grace' }]);
    await context.close();
  });

  it('syncs roles at each sign-in, and a person the provider no longer maps is deactivated with every session ended', async () => {
    const email = account('hedy', ['eng']);
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, email, 'hedy');
    expect(new URL(page.url()).pathname).toBe('/app');
    const user = (await userByEmail(email))!;
    expect(user.roles).toEqual(['interviewer']);
    const { token } = await web.app.get(AuthService).createPersonalToken({ userId: user.id, organizationId: team.organization.id, roles: ['interviewer'], requestId: null, tokenId: null }, { name: 'script' });
    await as(web, { token }).get('/api/me').expect(200);
    accounts.hedy!.groups = ['sales'];
    const second = await openPage(browser);
    await signInThroughProvider(second.page, email, 'hedy');
    await expect(second.page.getByRole('alert').innerText()).resolves.toMatch(/no role in Loopwright/);
    expect(await userByEmail(email)).toMatchObject({ active: false });
    await as(web, { token }).get('/api/me').expect(401);
    await page.goto(`${baseUrl}/app`);
    expect(new URL(page.url()).pathname).toBe('/login');
    await second.context.close();
    await context.close();
  });

  it('refuses a wrong state, a replayed callback and a nonce mismatch: a page in words, no session', async () => {
    const email = account('ada', ['eng']);
    const wrongState = await web.http().get('/auth/oidc/callback?code=abc&state=not-the-state').expect(400);
    expect(wrongState.text).toContain('expired or was already used');
    expect(wrongState.headers['set-cookie']).toBeUndefined();

    const { context, page } = await openPage(browser);
    let callback = '';
    page.on('request', (request) => {
      if (request.url().startsWith(`${baseUrl}/auth/oidc/callback`)) callback = request.url();
    });
    await signInThroughProvider(page, email, 'ada');
    expect(new URL(page.url()).pathname).toBe('/app');
    const replayed = await web.http().get(callback.slice(baseUrl.length)).expect(400);
    expect(replayed.text).toContain('expired or was already used');
    expect(replayed.headers['set-cookie']).toBeUndefined();
    await context.close();

    const other = await openPage(browser);
    await signInThroughProvider(other.page, email, 'ada', async () => {
      await web.dataSource.query(`UPDATE oidc_login_states SET nonce = 'not-the-nonce' WHERE organization_id = $1`, [team.organization.id]);
    });
    await expect(other.page.getByRole('alert').innerText()).resolves.toMatch(/did not confirm this sign-in/);
    expect((await other.context.cookies(baseUrl)).map((cookie) => cookie.name)).not.toContain('lw_session');
    await other.context.close();
  });

  it('refuses a domain no organization allows, and a provider account whose email is outside the allowed domains', async () => {
    const unknown = await web.http().get('/auth/oidc/login?email=someone%40elsewhere.test').expect(404);
    expect(unknown.text).toContain('No organization signs in with single sign-on for this email address');
    await web.http().get('/auth/oidc/login?email=not-an-email').expect(400);
    account('mallory', ['eng'], 'mallory@elsewhere.test');
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, `mallory@${domain}`, 'mallory');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/not in a domain this organization allows/);
    expect(await userByEmail('mallory@elsewhere.test')).toBeUndefined();
    await context.close();
  });

  it('links an existing password user only after an admin approves it, never by a matching email alone', async () => {
    const email = `linus@${domain}`;
    const created = await as(web, team.users.admin!).post('/api/users').send({ email, name: 'Linus Person', roles: ['recruiter'], password: TEST_PASSWORD }).expect(201);
    account('linus', ['eng']);
    const { context, page } = await openPage(browser);
    await signInThroughProvider(page, email, 'linus');
    await expect(page.getByRole('alert').innerText()).resolves.toMatch(/Ask an admin to link it/);
    expect(await web.dataSource.query(`SELECT 1 FROM user_identities WHERE subject = 'linus'`)).toEqual([]);
    await as(web, other.users.admin!).post(`/api/users/${created.body.id}/sso-link`).expect(404);
    await as(web, team.users.admin!).post(`/api/users/${created.body.id}/sso-link`).expect(200);
    const again = await openPage(browser);
    await signInThroughProvider(again.page, email, 'linus');
    expect(new URL(again.page.url()).pathname).toBe('/app');
    await again.context.close();
    expect(await userByEmail(email)).toMatchObject({ id: created.body.id, roles: ['interviewer'] });
    await context.close();
  });

  it('keeps the secret sealed, answers 409 for a domain taken and 400 for a bad mapping, and "required" refuses password sign-in but for break-glass admins', async () => {
    const settings = await as(web, team.users.admin!).get('/api/organization/sso').expect(200);
    expect(JSON.stringify(settings.body)).not.toContain(clientSecret);
    expect(settings.body).toMatchObject({ issuer, allowedDomains: [domain], clientSecretSet: true, redirectUri: `${baseUrl}/auth/oidc/callback` });
    const [stored] = await web.dataSource.query(`SELECT client_secret_sealed FROM sso_settings WHERE organization_id = $1`, [team.organization.id]);
    expect(stored.client_secret_sealed).not.toContain(clientSecret);
    await as(web, other.users.admin!)
      .put('/api/organization/sso')
      .send({ issuer, clientId: 'x', clientSecret: 'y', allowedDomains: [domain], required: false })
      .expect(409);
    const bad = await as(web, other.users.admin!)
      .put('/api/organization/sso')
      .send({ issuer, clientId: 'x', clientSecret: 'y', allowedDomains: ['other.test'], roleMapping: { eng: ['owner'] }, required: false })
      .expect(400);
    expect(JSON.stringify(bad.body)).toContain('roleMapping');
    await as(web, other.users.admin!).get('/api/organization/sso').expect(404);

    const body = { issuer, clientId: 'loopwright', allowedDomains: [domain], required: true, breakGlassUserIds: [team.users.breakGlass!.id] };
    await as(web, team.users.admin!).put('/api/organization/sso').send(body).expect(200);
    const refused = await web.http().post('/api/auth/login').send({ email: team.users.admin!.email, password: TEST_PASSWORD }).expect(403);
    expect(refused.body.code).toBe('SSO_REQUIRED');
    await web.http().post('/api/auth/login').send({ email: team.users.breakGlass!.email, password: TEST_PASSWORD }).expect(200);
    await as(web, team.users.admin!).put('/api/organization/sso').send({ ...body, required: false }).expect(200);
  });

  it('the SSO pages have no axe violations and fit 320 px', async () => {
    for (const width of [1280, 320]) {
      const { context, page } = await openPage(browser, { width, bypassCSP: true });
      for (const [path, name] of [
        ['/login/sso', 'sso-login'],
        ['/auth/oidc/login?email=someone%40elsewhere.test', 'sso-no-provider'],
        ['/auth/oidc/callback?state=expired', 'sso-refused'],
      ] as const) {
        await page.goto(`${baseUrl}${path}`);
        expect(describeViolations(await axeViolations(page))).toBe('');
        expect(await scrollWidth(page)).toBeLessThanOrEqual(width);
        await screenshot(page, `${name}-${width}`);
      }
      await context.close();
    }
  });
});

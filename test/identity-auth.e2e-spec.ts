import { as, auditActions, createTeam, createTestApp, DEFAULT_TEAM, teamSuite, TEST_PASSWORD, type TestApp } from '@loopwright/testing';

describe('identity: login, tokens, signup', () => {
  const suite = teamSuite(DEFAULT_TEAM);

  const login = (email: string, password: string) => suite.testApp.http().post('/api/auth/login').send({ email, password });

  it('logs in with email and password, case-insensitively, and never returns the password hash', async () => {
    const response = await login(suite.team.users.recruiter!.email.toUpperCase(), TEST_PASSWORD).expect(200);
    expect(response.body.token).toMatch(/^lw_[A-Za-z0-9_-]{43}$/);
    expect(new Date(response.body.expiresAt).getTime()).toBeGreaterThan(Date.now() + 11 * 3_600_000);
    expect(response.body.user).toMatchObject({ email: suite.team.users.recruiter!.email, roles: ['recruiter'] });
    expect(JSON.stringify(response.body)).not.toMatch(/password|argon2/i);

    const me = await as(suite.testApp, response.body).get('/api/me').expect(200);
    expect(me.body).toMatchObject({
      id: suite.team.users.recruiter!.id,
      roles: ['recruiter'],
      organization: { id: suite.team.organization.id, name: suite.team.organization.name },
    });
  });

  it('gives the same 401 for an unknown email and a wrong password', async () => {
    const unknown = await login('nobody@example.test', TEST_PASSWORD).expect(401);
    const wrong = await login(suite.team.users.interviewer!.email, 'wrong-password-123').expect(401);
    const strip = ({ requestId: _requestId, ...rest }: Record<string, unknown>) => rest;
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
    expect(unknown.body).toMatchObject({ statusCode: 401, code: 'INVALID_CREDENTIALS' });
  });

  it('rejects a login with a missing or malformed field, naming it', async () => {
    const response = await suite.testApp.http().post('/api/auth/login').send({ email: 'not-an-email' }).expect(400);
    const fields = response.body.details.fields.map((field: { field: string }) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['email', 'password']));
  });

  it('locks an email for 15 minutes after 10 failed logins, even with the right password, and only that email', async () => {
    const locked = await createTeam(suite.testApp, { victim: ['interviewer'], bystander: ['interviewer'] });
    const email = locked.users.victim!.email;
    for (let attempt = 0; attempt < 10; attempt += 1) await login(email, 'wrong-password-123').expect(401);
    const refused = await login(email, TEST_PASSWORD).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(800);
    expect(Number(refused.headers['retry-after'])).toBe(refused.body.details.retryAfterSeconds);
    await login(locked.users.bystander!.email, TEST_PASSWORD).expect(200);

    // Once the failures are older than the window, the email works again.
    await suite.testApp.dataSource.query(`UPDATE login_failures SET failed_at = failed_at - interval '16 minutes' WHERE email = $1`, [email]);
    await login(email, TEST_PASSWORD).expect(200);
  });

  it('locks an email per organization: the same email in another organization still logs in', async () => {
    const [a, b] = await Promise.all([createTeam(suite.testApp, { admin: ['admin'] }), createTeam(suite.testApp, { admin: ['admin'] })]);
    const email = `shared.${Date.now()}.${Math.random().toString(36).slice(2, 8)}@example.test`;
    const passwords = { a: 'first organization passphrase', b: 'second organization passphrase' };
    await as(suite.testApp, a.users.admin!).post('/api/users').send({ email, name: 'Sam Shared', roles: ['interviewer'], password: passwords.a }).expect(201);
    await as(suite.testApp, b.users.admin!).post('/api/users').send({ email, name: 'Sam Shared', roles: ['interviewer'], password: passwords.b }).expect(201);
    const loginIn = (organizationId: string | undefined, password: string) => suite.testApp.http().post('/api/auth/login').send({ email, password, organizationId });

    for (let attempt = 0; attempt < 10; attempt += 1) await loginIn(a.organization.id, 'wrong-password-123').expect(401);
    const refused = await loginIn(a.organization.id, passwords.a).expect(429);
    expect(refused.body).toMatchObject({ code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(800);
    // B is not locked: with its organization, and without one (A's locked user is skipped, not matched).
    const inB = await loginIn(b.organization.id, passwords.b).expect(200);
    expect(inB.body.user.organizationId ?? (await as(suite.testApp, inB.body).get('/api/me').expect(200)).body.organization.id).toBe(b.organization.id);
    await loginIn(undefined, passwords.b).expect(200);
    // Without an organization, A's password does not get past A's lockout either: A is not a candidate while locked.
    await loginIn(undefined, passwords.a).expect(401);
  });

  it('forgets failures after a successful login', async () => {
    const small = await createTeam(suite.testApp, { someone: ['interviewer'] });
    const email = small.users.someone!.email;
    for (let attempt = 0; attempt < 9; attempt += 1) await login(email, 'wrong-password-123').expect(401);
    await login(email, TEST_PASSWORD).expect(200);
    for (let attempt = 0; attempt < 9; attempt += 1) await login(email, 'wrong-password-123').expect(401);
    await login(email, TEST_PASSWORD).expect(200);
  });

  it('answers 401 without a token, with a malformed one and with an unknown one', async () => {
    for (const header of [undefined, 'Token abc', 'Bearer', 'Bearer lw_unknown']) {
      const request = suite.testApp.http().get('/api/me');
      if (header) request.set('Authorization', header);
      const response = await request.expect(401);
      expect(response.body).toMatchObject({ statusCode: 401, code: 'UNAUTHORIZED' });
    }
  });

  it('revokes the token in use on logout', async () => {
    const session = await login(suite.team.users.interviewer2!.email, TEST_PASSWORD).expect(200);
    await as(suite.testApp, session.body).post('/api/auth/logout').expect(204);
    await as(suite.testApp, session.body).get('/api/me').expect(401);
    await as(suite.testApp, suite.team.users.interviewer2!).get('/api/me').expect(200);
  });

  it('creates personal API tokens that act as their user, lists them without the secret, and revokes them', async () => {
    const created = await as(suite.testApp, suite.team.users.hiringManager!).post('/api/auth/tokens').send({ name: 'ATS sync', expiresInDays: 30 }).expect(201);
    expect(created.body).toMatchObject({ name: 'ATS sync', token: expect.stringMatching(/^lw_/) });

    const viaToken = await as(suite.testApp, created.body).get('/api/me').expect(200);
    expect(viaToken.body).toMatchObject({ id: suite.team.users.hiringManager!.id, roles: ['hiring_manager', 'interviewer'] });
    await as(suite.testApp, created.body).post('/api/users').send({ email: 'x@example.test', name: 'X', roles: ['interviewer'] }).expect(403);

    const listed = await as(suite.testApp, suite.team.users.hiringManager!).get('/api/auth/tokens').expect(200);
    expect(listed.body).toEqual([expect.objectContaining({ id: created.body.id, name: 'ATS sync', lastUsedAt: expect.any(String) })]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.token);

    // Someone else cannot revoke it; its owner can.
    await as(suite.testApp, suite.team.users.admin!).delete(`/api/auth/tokens/${created.body.id}`).expect(404);
    await as(suite.testApp, suite.team.users.hiringManager!).delete(`/api/auth/tokens/${created.body.id}`).expect(204);
    await as(suite.testApp, created.body).get('/api/me').expect(401);
    expect(await auditActions(suite.testApp, suite.team.organization.id, created.body.id)).toEqual(['token.revoked', 'token.created']);
  });

  it('rejects a token request with unknown fields or a bad expiry', async () => {
    const response = await as(suite.testApp, suite.team.users.interviewer!).post('/api/auth/tokens').send({ name: 'x', expiresInDays: 0, scope: 'all' }).expect(400);
    const fields = response.body.details.fields.map((field: { field: string }) => field.field);
    expect(fields).toEqual(expect.arrayContaining(['expiresInDays', 'scope']));
  });

  it('does not allow signup unless the server enables it', async () => {
    await suite.testApp.http().post('/api/auth/signup').send({ orgName: 'X', name: 'X', email: 'x@example.test', password: 'long-enough-password' }).expect(404);
  });
});

describe('identity: signup enabled', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ ALLOW_SIGNUP: 'true' });
  });

  afterAll(async () => {
    await testApp.close();
    process.env.ALLOW_SIGNUP = 'false';
  });

  it('creates an organization with the default pillars and its first admin, signed in', async () => {
    const email = `founder.${Date.now()}@example.test`;
    const response = await testApp
      .http()
      .post('/api/auth/signup')
      .send({ orgName: 'Signup Co', name: 'Founder', email, password: 'long-enough-password' })
      .expect(201);
    expect(response.body).toMatchObject({ organization: { name: 'Signup Co' }, user: { email, roles: ['admin'] } });
    const me = await as(testApp, response.body).get('/api/me').expect(200);
    expect(me.body.organization.id).toBe(response.body.organization.id);
    const pillars: { key: string }[] = await testApp.dataSource.query('SELECT key FROM pillars WHERE organization_id = $1 ORDER BY position', [
      response.body.organization.id,
    ]);
    expect(pillars.map((pillar) => pillar.key)).toEqual(['foundations', 'coding', 'system-design', 'behavioral']);
    expect(await auditActions(testApp, response.body.organization.id)).toEqual(expect.arrayContaining(['organization.created', 'user.created']));
  });

  it('refuses a short password, naming the field, and writes nothing', async () => {
    const before = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE name = 'Short Co'`);
    const response = await testApp.http().post('/api/auth/signup').send({ orgName: 'Short Co', name: 'F', email: 'f@example.test', password: 'short' }).expect(400);
    expect(response.body.details.fields).toEqual([expect.objectContaining({ field: 'password' })]);
    const after = await testApp.dataSource.query(`SELECT count(*)::int AS n FROM organizations WHERE name = 'Short Co'`);
    expect(after).toEqual(before);
  });
});

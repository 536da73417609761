import { as, createTeam, createTestApp, TEST_PASSWORD, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomInt } from 'node:crypto';

// Two API processes on one database: the limits are counted in PostgreSQL, so they hold across both.
describe('rate limits across two API instances', () => {
  let first: TestApp;
  let second: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    const environment = { RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_AUTHENTICATED: '5', RATE_LIMIT_WINDOW_SECONDS: '600' };
    first = await createTestApp(environment);
    second = await createTestApp(environment);
    team = await createTeam(first, { admin: ['admin'], interviewer: ['interviewer'], other: ['interviewer'] });
  });

  afterAll(async () => {
    await Promise.all([first.close(), second.close()]);
    process.env.RATE_LIMIT_ANONYMOUS = '100000';
    process.env.RATE_LIMIT_AUTHENTICATED = '100000';
    delete process.env.RATE_LIMIT_WINDOW_SECONDS;
  });

  // A fresh client address per test (trustProxy reads X-Forwarded-For), so earlier runs do not count.
  const newIp = (): string => `10.${randomInt(256)}.${randomInt(256)}.${randomInt(1, 255)}`;
  const login = (app: TestApp, ip: string) =>
    app.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: team.users.interviewer!.email, password: TEST_PASSWORD });

  it('limits logins per IP, shared by both instances, with 429 RATE_LIMITED and Retry-After', async () => {
    const ip = newIp();
    await login(first, ip).expect(200);
    await login(second, ip).expect(200);
    await login(first, ip).expect(200);
    const refused = await login(second, ip).expect(429);
    expect(refused.body).toMatchObject({ statusCode: 429, error: 'Too Many Requests', code: 'RATE_LIMITED', requestId: expect.any(String) });
    expect(refused.body.details.retryAfterSeconds).toBeGreaterThan(500);
    expect(Number(refused.headers['retry-after'])).toBe(refused.body.details.retryAfterSeconds);
    await login(first, ip).expect(429);
    // Another address is not affected; signup has its own count (and is off here: 404, not 429).
    await login(first, newIp()).expect(200);
    await first.http().post('/api/auth/signup').set('X-Forwarded-For', ip).send({}).expect(400);
  });

  it('limits an authenticated user across all routes and both instances, and only that user', async () => {
    const user = team.users.other!;
    const ip = newIp();
    const calls = [as(first, user).get('/api/me'), as(second, user).get('/api/pillars'), as(first, user).get('/api/me'), as(second, user).get('/api/me'), as(first, user).get('/api/me')];
    for (const call of calls) await call.set('X-Forwarded-For', ip).expect(200);
    const refused = await as(second, user).get('/api/pillars').expect(429);
    expect(refused.body).toMatchObject({ code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    // Same IP, another user: their own count.
    await as(first, team.users.admin!).get('/api/me').set('X-Forwarded-For', ip).expect(200);
  });

  it('counts each hit once per window, atomically, under concurrent requests', async () => {
    const ip = newIp();
    const responses = await Promise.all(Array.from({ length: 8 }, (_, index) => login(index % 2 === 0 ? first : second, ip)));
    const statuses = responses.map((response) => response.status).sort();
    expect(statuses.filter((status) => status === 200)).toHaveLength(3);
    expect(statuses.filter((status) => status === 429)).toHaveLength(5);
  });
});

// TRUST_PROXY names who may say where a request came from; a client that is not one of them cannot.
describe('the client address behind an untrusted peer', () => {
  let app: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    app = await createTestApp({ TRUST_PROXY: 'none', RATE_LIMIT_ANONYMOUS: '3', RATE_LIMIT_WINDOW_SECONDS: '600' });
    team = await createTeam(app, { interviewer: ['interviewer'] });
    // The count of this peer's own address from earlier files on this worker's database.
    await app.dataSource.query(`DELETE FROM rate_limit_windows WHERE key LIKE '%:ip:127.0.0.1' OR key LIKE '%:ip:::ffff:127.0.0.1'`);
  });

  afterAll(async () => {
    await app.close();
    process.env.RATE_LIMIT_ANONYMOUS = '100000';
    delete process.env.RATE_LIMIT_WINDOW_SECONDS;
    delete process.env.TRUST_PROXY;
  });

  it('ignores a forged X-Forwarded-For: a fresh address in each request does not buy a fresh count', async () => {
    const statuses = [];
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const response = await app
        .http()
        .post('/api/auth/login')
        .set('X-Forwarded-For', `198.51.100.${attempt + 1}`)
        .send({ email: team.users.interviewer!.email, password: TEST_PASSWORD });
      statuses.push(response.status);
    }
    expect(statuses).toEqual([200, 200, 200, 429]);
  });
});

import { FEED_LIMIT_FACTOR } from '@loopwright/notifications';
import { createTestApp, type TestApp } from '@loopwright/testing';

// Calendar apps poll their feeds, and a whole office's come from one NAT address: the feed's per-IP limit is its own and higher.
describe('the calendar feed’s rate limit', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await createTestApp({ RATE_LIMIT_ANONYMOUS: '1', RATE_LIMIT_WINDOW_SECONDS: '600' });
  });

  afterAll(async () => {
    await testApp.close();
    process.env.RATE_LIMIT_ANONYMOUS = '100000';
    delete process.env.RATE_LIMIT_WINDOW_SECONDS;
  });

  it('lets one address fetch feeds RATE_LIMIT_ANONYMOUS × FEED_LIMIT_FACTOR times a window, while a login is limited at 1', async () => {
    const ip = '10.77.0.1';
    const feed = (n: number) => testApp.http().get(`/calendar/${'A'.repeat(42)}${n % 10}.ics`).set('X-Forwarded-For', ip);
    for (let n = 0; n < FEED_LIMIT_FACTOR; n++) await feed(n).expect(404);
    const refused = await feed(0).expect(429);
    expect(refused.body.code).toBe('RATE_LIMITED');
    const login = () => testApp.http().post('/api/auth/login').set('X-Forwarded-For', ip).send({ email: 'nobody@example.test', password: 'wrong password' });
    await login().expect(401);
    await login().expect(429);
  });
});

import { WEB_SESSION_COOKIE } from '@loopwright/identity';
import { TEST_PASSWORD, type TestUser } from './factories.js';
import type { TestApp } from './test-app.js';

/** The `name=value` of the web session cookie the sign-in form gives `user` (a 303 to the app). */
export async function sessionCookie(testApp: TestApp, user: Pick<TestUser, 'email'>): Promise<string> {
  const response = await testApp.http().post('/login').type('form').send({ email: user.email, password: TEST_PASSWORD }).expect(303);
  const header = ([] as string[]).concat(response.headers['set-cookie'] ?? []).find((line) => line.startsWith(`${WEB_SESSION_COOKIE}=`));
  if (!header) throw new Error('the sign-in answered without a session cookie');
  return header.split(';', 1)[0]!;
}

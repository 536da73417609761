import { DEMO_PASSWORD } from '@loopwright/identity';
import { as, auditActions, createTeam, createTestApp, TEST_PASSWORD, type TestApp, type TestTeam } from '@loopwright/testing';
import { randomUUID } from 'node:crypto';

describe('identity: password policy and the sessions a password change ends', () => {
  let testApp: TestApp;
  let team: TestTeam;

  beforeAll(async () => {
    testApp = await createTestApp({ ALLOW_SIGNUP: 'true' });
    team = await createTeam(testApp, { admin: ['admin'], admin2: ['admin'], interviewer: ['interviewer'] }, `Acme ${randomUUID().slice(0, 6)}`);
  });

  afterAll(async () => {
    await testApp.close();
    process.env.ALLOW_SIGNUP = 'false';
  });

  const login = (email: string, password: string) => testApp.http().post('/api/auth/login').send({ email, password });
  const passwordProblems = (body: { code: string; details: { fields: { field: string; problems: string[] }[] } }): string[] => {
    expect(body.code).toBe('VALIDATION_FAILED');
    const field = body.details.fields.find((candidate) => candidate.field === 'password');
    expect(field).toBeDefined();
    return field!.problems;
  };

  describe('weak passwords', () => {
    const email = `jane.doe.${randomUUID().slice(0, 6)}@example.test`;
    it.each([
      ['ten identical characters', 'aaaaaaaaaa', /repeated/i],
      ['a common password', 'password12', /common/i],
      ['the email', email, /personal/i],
      ['the name and a year', 'JaneDoe2024', /personal/i],
      ['a keyboard row', 'qwertyuiop', /keyboard|common/i],
    ])('refuses %s on create, saying why, and creates nobody', async (_label, password, reason) => {
      const response = await as(testApp, team.users.admin!).post('/api/users').send({ email, name: 'Jane Doe', roles: ['interviewer'], password }).expect(400);
      const problems = passwordProblems(response.body);
      expect(problems[0]).toMatch(/too easy to guess/);
      expect(problems.join(' ')).toMatch(reason);
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [email]);
      expect(n).toBe(0);
    });

    it('refuses the organization name as the password', async () => {
      const password = `${team.organization.name}`.toLowerCase().replace(' ', '');
      const response = await as(testApp, team.users.admin!).post('/api/users').send({ email, name: 'Jane Doe', roles: ['interviewer'], password: `${password}${password}` }).expect(400);
      passwordProblems(response.body);
    });

    it('accepts the test and demo passwords', async () => {
      for (const password of [TEST_PASSWORD, DEMO_PASSWORD]) {
        const address = `ok.${randomUUID().slice(0, 6)}@example.test`;
        await as(testApp, team.users.admin!).post('/api/users').send({ email: address, name: 'Okay Person', roles: ['interviewer'], password }).expect(201);
        await login(address, password).expect(200);
      }
    });

    it('refuses a weak password on PATCH and leaves the old one working', async () => {
      const response = await as(testApp, team.users.admin!).patch(`/api/users/${team.users.interviewer!.id}`).send({ password: 'password12' }).expect(400);
      passwordProblems(response.body);
      await as(testApp, team.users.admin!).patch(`/api/users/${team.users.interviewer!.id}`).send({ password: team.users.interviewer!.email }).expect(400);
      await login(team.users.interviewer!.email, TEST_PASSWORD).expect(200);
    });

    it('refuses a weak password on signup and creates no organization', async () => {
      const orgName = `Weak ${randomUUID().slice(0, 6)}`;
      const response = await testApp.http().post('/api/auth/signup').send({ orgName, name: 'Founder', email: `f.${randomUUID().slice(0, 6)}@example.test`, password: '1234567890' }).expect(400);
      passwordProblems(response.body);
      const [{ n }] = await testApp.dataSource.query('SELECT count(*)::int AS n FROM organizations WHERE name = $1', [orgName]);
      expect(n).toBe(0);
    });
  });

  describe('sessions', () => {
    it("an admin's reset revokes every session and personal token of the user, and no one else's", async () => {
      const small = await createTeam(testApp, { admin: ['admin'], member: ['interviewer'], bystander: ['interviewer'] });
      const member = small.users.member!;
      const session = (await login(member.email, TEST_PASSWORD).expect(200)).body;
      const personal = (await as(testApp, member).post('/api/auth/tokens').send({ name: 'script' }).expect(201)).body;
      await as(testApp, small.users.admin!).patch(`/api/users/${member.id}`).send({ password: 'a brand new passphrase' }).expect(200);
      for (const token of [member, session, personal]) await as(testApp, token).get('/api/me').expect(401);
      await as(testApp, small.users.admin!).get('/api/me').expect(200);
      await as(testApp, small.users.bystander!).get('/api/me').expect(200);
      await login(member.email, TEST_PASSWORD).expect(401);
      await login(member.email, 'a brand new passphrase').expect(200);
    });

    it('changing your own password keeps the token in use and revokes the others', async () => {
      const small = await createTeam(testApp, { admin: ['admin'] });
      const admin = small.users.admin!;
      const other = (await login(admin.email, TEST_PASSWORD).expect(200)).body;
      await as(testApp, admin).patch(`/api/users/${admin.id}`).send({ password: 'another fine passphrase' }).expect(200);
      await as(testApp, admin).get('/api/me').expect(200);
      await as(testApp, other).get('/api/me').expect(401);
    });

    it('POST /api/auth/logout-all revokes every token of the caller, the one in use too', async () => {
      const small = await createTeam(testApp, { admin: ['admin'], member: ['interviewer'] });
      const member = small.users.member!;
      const session = (await login(member.email, TEST_PASSWORD).expect(200)).body;
      const personal = (await as(testApp, member).post('/api/auth/tokens').send({ name: 'script' }).expect(201)).body;
      await as(testApp, session).post('/api/auth/logout-all').expect(204);
      for (const token of [member, session, personal]) await as(testApp, token).get('/api/me').expect(401);
      await as(testApp, small.users.admin!).get('/api/me').expect(200);
      await testApp.http().post('/api/auth/logout-all').expect(401);
      expect(await auditActions(testApp, small.organization.id, member.id)).toContain('user.logged_out_everywhere');
    });
  });
});
